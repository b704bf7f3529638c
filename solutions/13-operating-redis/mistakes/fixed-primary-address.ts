/**
 * Mistake: connects to the primary's address and ignores the Sentinels
 * Replaces: redis-connection.ts
 * Caught by: 13.17
 *
 * The configuration has the primary's host and port, and they work on every laptop and in
 * every test without a failover. When the primary stops, the replica is promoted on
 * another address, and this client keeps knocking on the stopped one until a deploy
 * changes its configuration.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const { sentinels: _ignored, ...fixed } = config;
  return right(fixed, settings);
}
