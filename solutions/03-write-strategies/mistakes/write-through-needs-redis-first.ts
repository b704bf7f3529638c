/**
 * Mistake: write-through reads the fence before the UPDATE and gives up if Redis fails
 * Replaces: write-through.ts
 * Caught by: 03.20
 *
 * Everything after the commit is careful: the script's failure is logged, not thrown.
 * But the fence is read before the UPDATE, and that read is not guarded: if Redis is
 * down or refusing, the price is never written to Postgres at all. The cache is an
 * optimisation; a Redis outage must not stop writes to the source of truth. Without a
 * fence, update Postgres anyway and fall back to deleting the entry.
 */
import { updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { catalogReads } from '../src/catalog-reads.js';
import { readFence, writeThrough } from '../src/fence.js';

export function createWriteThroughCatalog(options: CatalogOptions): Catalog {
  const { redis, db } = options;
  const { keysOf, getProduct } = catalogReads(options);
  return {
    getProduct,
    async updatePrice(id, priceCents) {
      const keys = keysOf(id);
      const seen = await readFence(redis, keys);
      const product = await updateProductPrice(db, id, priceCents);
      if (product === null) return null;
      await writeThrough(redis, keys, seen, JSON.stringify(product)).catch((error: unknown) => console.warn(String(error)));
      return product;
    },
    settled: async () => {},
  };
}
