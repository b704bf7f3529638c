import {
  type CacheOptions,
  DEFAULT_BREAKER,
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_RECONNECT,
  type HealthReport,
  type Product,
  PRODUCT_TTL_SECONDS,
  productKey,
  type ResilientCache,
  selectProduct,
} from '../../../labs/13-operating-redis/src/contract.js';
import { CircuitBreaker } from './breaker.js';
import { CacheStats } from './cache-stats.js';
import { connectRedis } from './redis-connection.js';
import { readServerFigures } from './server-figures.js';

/**
 * Cache-aside for products that keeps the service up while Redis misbehaves: every
 * Redis call is bounded, a failure is a read from Postgres, and a breaker stops asking
 * a Redis that keeps failing until a probe finds it well again.
 */
export function createResilientCache(options: CacheOptions): ResilientCache {
  const now = options.now ?? Date.now;
  const ttlSeconds = options.ttlSeconds ?? PRODUCT_TTL_SECONDS;
  const breaker = new CircuitBreaker({ ...DEFAULT_BREAKER, ...options.breaker }, now);
  const stats = new CacheStats();
  const redis = connectRedis(options.redis, {
    commandTimeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    reconnect: { ...DEFAULT_RECONNECT, ...options.reconnect },
  });
  redis.on('error', (error: Error) => stats.connectionFailed(error));
  redis.on('ready', () => stats.connected());

  const failed = (error: unknown) => {
    stats.callFailed(error as Error);
    breaker.failed();
  };

  /** The write of a miss; its failure counts like any other, but the reader has the product already. (Its success adds nothing: the read before it closed the breaker.) */
  async function fill(key: string, product: Product): Promise<void> {
    try {
      await redis.set(key, JSON.stringify(product), 'EX', ttlSeconds);
    } catch (error) {
      failed(error);
    }
  }

  return {
    async getProduct(id) {
      if (!breaker.admit()) {
        stats.bypassed += 1;
        return selectProduct(options.db, id);
      }
      const key = productKey(options.keyPrefix, id);
      let cached: string | null;
      try {
        cached = await stats.latency.time(now, () => redis.get(key));
      } catch (error) {
        // No write after a failed read: it would only wait for its own timeout.
        failed(error);
        return selectProduct(options.db, id);
      }
      breaker.succeeded();
      if (cached !== null) {
        stats.hits += 1;
        return JSON.parse(cached) as Product;
      }
      stats.misses += 1;
      const product = await selectProduct(options.db, id);
      if (product) await fill(key, product);
      return product;
    },

    async health(): Promise<HealthReport> {
      // The report describes the moment it was asked for; only INFO is awaited.
      const report = {
        hits: stats.hits,
        misses: stats.misses,
        hitRatio: stats.hitRatio,
        errors: stats.errors,
        bypassed: stats.bypassed,
        lastError: stats.lastError,
        latencyMs: stats.latency.percentiles(),
        breaker: breaker.state,
      };
      return { ...report, server: await readServerFigures(redis).catch(() => null) };
    },

    async close() {
      redis.disconnect();
    },
  };
}
