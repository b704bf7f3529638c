/**
 * Mistake: TLS is configured for a fixed address only, not with Sentinels
 * Replaces: redis-connection.ts
 * Caught by: 13.16
 *
 * With a fixed host, `tls` on the client is all it takes, and that is what gets tested.
 * With Sentinels, ioredis speaks to them and to the primary they name with their own
 * options (sentinelTLS, enableTLSForSentinelMode); without those the password and the
 * data cross the network in clear in production, where the Sentinels are.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  return right(config.sentinels ? { ...config, tls: undefined } : config, settings);
}
