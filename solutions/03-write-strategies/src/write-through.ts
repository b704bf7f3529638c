import {
  updateProductPrice,
  type Catalog,
  type CatalogOptions,
} from '../../../labs/03-write-strategies/src/contract.js';
import { catalogReads } from './catalog-reads.js';
import { invalidate, readFence, writeThrough } from './fence.js';

/**
 * Cache-aside reads, write-through writes: a write changes Postgres, then puts the
 * committed row into Redis, so the next read is a hit that already shows it.
 */
export function createWriteThroughCatalog(options: CatalogOptions): Catalog {
  const { redis, db } = options;
  const { keysOf, getProduct } = catalogReads(options);

  return {
    getProduct,

    // #region update-price
    async updatePrice(id, priceCents) {
      const keys = keysOf(id);
      // Read the fence before the UPDATE: if another write reaches Redis between now
      // and our script, we will know, and delete instead of caching a row that may be older.
      // If Redis cannot answer, we still write Postgres, then fall back to deleting.
      const seen = await readFence(redis, keys).catch(() => null);
      // Postgres first, and nothing to Redis unless it committed: if this throws, the
      // error reaches the caller and the cache still holds what the database holds.
      const product = await updateProductPrice(db, id, priceCents);
      if (product === null) return null;
      // The cache gets the row Postgres returned, not the caller's input.
      const refresh =
        seen === null
          ? invalidate(redis, keys)
          : writeThrough(redis, keys, seen, JSON.stringify(product));
      await refresh.catch((error: unknown) =>
        console.warn(
          `[catalog] product ${id} changed but its cache entry was not refreshed: ${String(error)}`,
        ),
      );
      return product;
    },
    // #endregion update-price

    settled: async () => {},
  };
}
