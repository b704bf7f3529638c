import { Redis } from 'ioredis';
import type { CacheOptions, HealthReport, Product, ResilientCache } from './contract.js';
import { PRODUCT_TTL_SECONDS, productKey, selectProduct } from './contract.js';

/**
 * Cache-aside for products, as it was written for a laptop: it works while Redis is
 * well, and turns every Redis problem into a stalled request.
 */
export function createResilientCache(options: CacheOptions): ResilientCache {
  const ttlSeconds = options.ttlSeconds ?? PRODUCT_TTL_SECONDS;
  const config = options.redis;
  // TODO(13): ask the Sentinels for the primary (config.sentinels, config.masterName) when they are given.
  // TODO(13): TLS from config.tls.
  // TODO(13): bound every call (commandTimeoutMs), fail at once while disconnected (no offline queue),
  //           and reconnect with a doubling delay from options.reconnect, capped.
  const redis = new Redis({
    host: config.host,
    port: config.port,
    username: config.username,
    password: config.password,
    connectionName: config.connectionName,
    maxRetriesPerRequest: null, // keep every command until Redis is back, however long that takes
    retryStrategy: () => 10, // reconnect at once, again and again
  });
  redis.on('error', () => {});
  let hits = 0;
  let misses = 0;

  return {
    async getProduct(id) {
      // TODO(13): a circuit breaker (options.breaker, options.now): after failureThreshold failures in a row,
      //           go straight to Postgres until the cool-down has passed, then let one probe through.
      // TODO(13): a Redis failure is a read from Postgres, counted in health().
      const key = productKey(options.keyPrefix, id);
      const cached = await redis.get(key);
      if (cached !== null) {
        hits += 1;
        return JSON.parse(cached) as Product;
      }
      misses += 1;
      const product = await selectProduct(options.db, id);
      if (product) await redis.set(key, JSON.stringify(product), 'EX', ttlSeconds);
      return product;
    },

    async health(): Promise<HealthReport> {
      // TODO(13): errors, lastError, latency percentiles (by options.now), the breaker's state, and a
      //           bounded INFO whose figures are parsed.
      const info = await redis.info('memory', 'stats');
      const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
      return {
        hits,
        misses,
        hitRatio: hits + misses === 0 ? 0 : hits / (hits + misses),
        errors: 0,
        bypassed: 0,
        lastError: null,
        latencyMs: null,
        breaker: 'closed',
        server: {
          usedMemoryBytes: Number(field('used_memory')),
          maxmemoryBytes: Number(field('maxmemory')),
          maxmemoryPolicy: field('maxmemory_policy'),
          evictedKeys: Number(field('evicted_keys')),
        },
      };
    },

    async close() {
      redis.disconnect();
    },
  };
}
