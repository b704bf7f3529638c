/**
 * Mistake: the count of attempts is kept across outages
 * Replaces: redis-connection.ts
 * Caught by: 13.5
 *
 * The client counts its own reconnection attempts instead of taking the number ioredis
 * passes, which starts again once a connection succeeds. After one long outage every
 * later blip begins at the cap: a two-second wait where fifty milliseconds would do.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { reconnectDelayMs } from '../src/backoff.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const client = right(config, settings);
  let attempts = 0;
  const counted = () => reconnectDelayMs(++attempts, settings.reconnect);
  // ioredis reads its strategies from the options at each disconnect.
  client.options.retryStrategy = counted;
  if (config.sentinels) client.options.sentinelRetryStrategy = counted;
  return client;
}
