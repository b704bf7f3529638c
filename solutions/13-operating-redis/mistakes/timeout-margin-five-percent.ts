/**
 * Mistake: each call gets five per cent more than commandTimeoutMs, for timer slack
 * Replaces: redis-connection.ts
 * Caught by: 13.2
 *
 * Timers fire late under load, so a few per cent on top looks like it only makes the
 * bound honest. But the lateness is already there on top of any bound; adding more means
 * a reply that came after the configured budget is taken as an answer, and the request
 * that budget was computed for is late whenever Redis is.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  return right(config, { ...settings, commandTimeoutMs: Math.round(settings.commandTimeoutMs * 1.05) });
}
