/**
 * Mistake: when the fence could not be read before the UPDATE, it is read after the commit
 * Replaces: write-through.ts
 * Caught by: 03.20
 *
 * Redis refused the fence read, so read it again once Postgres has committed and write
 * through as usual: the next read is still a hit. But a fence read after the commit also
 * sees the moves of writes that committed after ours, and takes them for its own starting
 * point: a later writer that finished first is overwritten with our older row, which then
 * stays for the hour. Without the fence from before the UPDATE, the only safe step is to
 * delete.
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
      const seen = await readFence(redis, keys).catch(() => null);
      const product = await updateProductPrice(db, id, priceCents);
      if (product === null) return null;
      const fence = seen ?? (await readFence(redis, keys).catch(() => null)); // read it now instead
      if (fence !== null) {
        await writeThrough(redis, keys, fence, JSON.stringify(product)).catch((error: unknown) =>
          console.warn(`[catalog] product ${id} changed but its cache entry was not refreshed: ${String(error)}`),
        );
      }
      return product;
    },
    settled: async () => {},
  };
}
