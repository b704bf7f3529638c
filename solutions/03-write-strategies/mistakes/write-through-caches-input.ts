/**
 * Mistake: write-through caches the row it had with the caller's new price, not the row Postgres returned
 * Replaces: write-through.ts
 * Caught by: 03.6
 *
 * The order is right (Postgres first, fence checked), and the writer "knows" the new row:
 * it is the old one with a new price. But the row in Redis may be stale in other columns
 * (another service renamed the product, a trigger set a column), and the committed row is
 * what Postgres returns from the UPDATE. Caching a row assembled in the application
 * writes a version that never existed in the database, for an hour.
 */
import { updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { invalidate, readFence, writeThrough } from '../src/fence.js';
import { productKeys } from '../src/keys.js';
import { createWriteThroughCatalog as createRealCatalog } from '../src/write-through.js';

export function createWriteThroughCatalog(options: CatalogOptions): Catalog {
  const { redis, db, keyPrefix } = options;
  const catalog = createRealCatalog(options);
  return {
    ...catalog,
    async updatePrice(id, priceCents) {
      const current = await catalog.getProduct(id);
      const keys = productKeys(keyPrefix, id);
      const seen = await readFence(redis, keys).catch(() => null);
      const product = await updateProductPrice(db, id, priceCents);
      if (product === null || current === null) return product;
      const value = JSON.stringify({ ...current, priceCents });
      await (seen === null ? invalidate(redis, keys) : writeThrough(redis, keys, seen, value)).catch(() => {});
      return product;
    },
  };
}
