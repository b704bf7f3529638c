/**
 * Mistake: TLS settings are read but never handed to the client
 * Replaces: redis-connection.ts
 * Caught by: 13.16
 *
 * Everything works against a local Redis, which speaks plain text; the configuration
 * says tls, and nobody notices the traffic, password included, crossing the network in
 * clear until a managed Redis that requires TLS refuses the connection.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const { tls: _ignored, ...plain } = config;
  return right(plain, settings);
}
