/**
 * Mistake: each call gets half as long again as commandTimeoutMs, "for safety"
 * Replaces: redis-connection.ts
 * Caught by: 13.2
 *
 * A margin on top of a timeout feels harmless. But commandTimeoutMs is a budget someone
 * computed from the request's own deadline; a Redis answering after it is already too
 * late, and every stalled read now costs half as much again as the configuration says.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  return right(config, { ...settings, commandTimeoutMs: settings.commandTimeoutMs * 1.5 });
}
