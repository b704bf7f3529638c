import { Redis, type RedisOptions } from 'ioredis';
import type { ReconnectOptions, RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { reconnectDelayMs } from './backoff.js';

export interface ConnectionSettings {
  commandTimeoutMs: number;
  reconnect: ReconnectOptions;
}

/**
 * The Redis client of a request path: every wait bounded, nothing queued for later.
 * With Sentinels, the primary is asked for by name, so a failover moves the client
 * without a deploy; credentials and TLS come from configuration.
 */
export function connectRedis(config: RedisConfig, { commandTimeoutMs, reconnect }: ConnectionSettings): Redis {
  const backoff = (attempt: number) => reconnectDelayMs(attempt, reconnect);
  const where: RedisOptions = config.sentinels
    ? {
        sentinels: config.sentinels,
        name: config.masterName,
        sentinelRetryStrategy: backoff,
        // TLS to the primary the Sentinels name, and to the Sentinels themselves.
        enableTLSForSentinelMode: config.tls !== undefined,
        sentinelTLS: config.tls,
      }
    : { host: config.host, port: config.port };
  return new Redis({
    ...where,
    username: config.username,
    password: config.password,
    tls: config.tls,
    connectionName: config.connectionName,
    // A call that has not answered in time is a miss, not a stalled request.
    commandTimeout: commandTimeoutMs,
    // While disconnected, fail at once: a queued read would run later for nobody.
    enableOfflineQueue: false,
    // A command cut off by a disconnect fails; the request falls back instead of waiting.
    maxRetriesPerRequest: 0,
    // Reconnect for ever, but with growing gaps.
    retryStrategy: backoff,
  });
}
