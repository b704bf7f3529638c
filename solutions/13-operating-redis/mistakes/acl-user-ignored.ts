/**
 * Mistake: logs in with the password only, as the default user
 * Replaces: redis-connection.ts
 * Caught by: 13.14
 *
 * `requirepass` habits: AUTH with a password alone logs in as the default user. On a
 * server whose default user has that password it works, with every permission, so one
 * bug can FLUSHALL; with per-service ACL users, the password of "app" does not open
 * "default", and the cache never connects.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const { username: _ignored, ...passwordOnly } = config;
  return right(passwordOnly, settings);
}
