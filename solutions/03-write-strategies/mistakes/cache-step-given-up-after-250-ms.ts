/**
 * Mistake: the write waits for its cache step at most 250 ms, then resolves anyway
 * Replaces: invalidate-on-write.ts
 * Caught by: 03.2
 *
 * Bounding every Redis call (lab 01's redisTimeoutMs) is a good habit on the read path,
 * where a miss is the fallback. On the write path it quietly changes the promise: on a
 * slow Redis, updatePrice resolves before the old price is gone, and the caller who reads
 * right after its own write, on this instance or another, sees the price it just changed.
 */
import { updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { catalogReads } from '../src/catalog-reads.js';
import { invalidate } from '../src/fence.js';

const CACHE_STEP_BOUND_MS = 250;

export function createInvalidatingCatalog(options: CatalogOptions): Catalog {
  const { redis, db } = options;
  const { keysOf, getProduct } = catalogReads(options);
  return {
    getProduct,
    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(db, id, priceCents);
      if (product === null) return null;
      const step = invalidate(redis, keysOf(id)).catch((error: unknown) =>
        console.warn(`[catalog] product ${id} changed but its cache entry was not invalidated: ${String(error)}`),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([step, new Promise((resolve) => (timer = setTimeout(resolve, CACHE_STEP_BOUND_MS)))]);
      clearTimeout(timer);
      return product;
    },
    settled: async () => {},
  };
}
