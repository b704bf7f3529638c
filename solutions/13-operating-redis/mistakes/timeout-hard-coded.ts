/**
 * Mistake: every call waits 500 ms at most, whatever commandTimeoutMs says
 * Replaces: redis-connection.ts
 * Caught by: 13.2
 *
 * Half a second sounds like a sane bound for Redis, and the suite's default of 200 ms and
 * a configured 600 ms both look fine from far away. But the option is the budget of the
 * service that set it: with 300 ms configured, a read now waits 500 ms for a Redis that
 * is already too late, and a service that allows more gives up early.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  return right(config, { ...settings, commandTimeoutMs: 500 });
}
