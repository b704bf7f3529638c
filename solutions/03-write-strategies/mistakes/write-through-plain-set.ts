/**
 * Mistake: write-through commits, then SETs the new row, without moving the fence
 * Replaces: write-through.ts
 * Caught by: 03.8, 03.18
 *
 * Database first, then cache, from the committed row: the order is right, and every
 * sequential test passes. But the SET is an ordinary overwrite. A reader that loaded the
 * old row before the commit still finds the fence where it left it, so its fill is
 * accepted after our SET, and the cache holds the old price until the TTL ends.
 * (Two writers racing each other end the same way: the later SET wins, not the later commit.)
 */
import { PRODUCT_TTL_SECONDS, updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { catalogReads } from '../src/catalog-reads.js';

export function createWriteThroughCatalog(options: CatalogOptions): Catalog {
  const reads = catalogReads(options);
  return {
    getProduct: (id) => reads.getProduct(id),
    async updatePrice(id, priceCents) {
      const saved = await updateProductPrice(options.db, id, priceCents);
      if (saved !== null) {
        const key = reads.keysOf(id).value;
        await options.redis.set(key, JSON.stringify(saved), 'EX', PRODUCT_TTL_SECONDS);
      }
      return saved;
    },
    settled: async () => undefined,
  };
}
