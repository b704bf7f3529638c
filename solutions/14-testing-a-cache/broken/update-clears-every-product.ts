/**
 * Broken cache: updatePrice deletes every product under the prefix, not just the one it changed.
 *
 * Always correct, never stale: every write empties the cache, and the next reads of every
 * product go to Postgres. Only a check that another product stays a hit sees it.
 */
import type { ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { bounded, createProductCache as working } from '../../../labs/14-testing-a-cache/src/product-cache.js';

export function createProductCache(options: ProductCacheOptions) {
  const cache = working(options);
  const { redis, keyPrefix } = options;
  return {
    ...cache,
    async updatePrice(id: number, cents: number) {
      const product = await cache.updatePrice(id, cents);
      const clearAll = async () => {
        for await (const keys of redis.scanStream({ match: `${keyPrefix}product:*` })) {
          if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
        }
      };
      await bounded(clearAll(), options.redisTimeoutMs ?? 250).catch(() => {});
      return product;
    },
  };
}
