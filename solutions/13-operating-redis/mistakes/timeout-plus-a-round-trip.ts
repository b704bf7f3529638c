/**
 * Mistake: each call gets commandTimeoutMs plus 100 ms, "for the network round trip"
 * Replaces: redis-connection.ts
 * Caught by: 13.2
 *
 * The round trip is already inside the budget: commandTimeoutMs is how long the caller
 * can wait for the answer, network included. A reply 50 ms past it is served as a hit
 * to a request that, by its own deadline, had to have moved on to Postgres.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  return right(config, { ...settings, commandTimeoutMs: settings.commandTimeoutMs + 100 });
}
