/**
 * Mistake: commandTimeoutMs is honoured down to a floor of 290 ms
 * Replaces: redis-connection.ts
 * Caught by: 13.2
 *
 * A bound below a few hundred milliseconds looks like a typo that would fail healthy
 * reads on a slow network, so a floor seems to protect the service from its own config.
 * But the option is the budget: a service with a 150 ms deadline set it on purpose, and
 * with the floor a stalled Redis costs each of its requests nearly twice that.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  return right(config, { ...settings, commandTimeoutMs: Math.max(290, settings.commandTimeoutMs) });
}
