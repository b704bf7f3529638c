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
import { catalogReads } from '../src/catalog-reads.js';
import { invalidate, readFence, writeThrough } from '../src/fence.js';

export function createWriteThroughCatalog(options: CatalogOptions): Catalog {
  const { redis, db } = options;
  const { keysOf, getProduct } = catalogReads(options);
  return {
    getProduct,
    async updatePrice(id, priceCents) {
      const keys = keysOf(id);
      const current = await getProduct(id);
      const seen = await readFence(redis, keys).catch(() => null);
      const product = await updateProductPrice(db, id, priceCents);
      if (product === null || current === null) return product;
      const value = JSON.stringify({ ...current, priceCents });
      await (seen === null ? invalidate(redis, keys) : writeThrough(redis, keys, seen, value)).catch(() => {});
      return product;
    },
    settled: async () => {},
  };
}
