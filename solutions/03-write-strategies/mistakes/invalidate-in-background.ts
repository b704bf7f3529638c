/**
 * Mistake: updatePrice returns right after the commit and invalidates in the background
 * Replaces: invalidate-on-write.ts
 * Caught by: 03.2
 *
 * Not waiting for Redis makes writes faster, and settled() even waits for the pending
 * invalidation, so nothing looks lost. But updatePrice promises that once it resolves no
 * reader sees the old price, and here it resolves before Redis has been told. A caller
 * that writes and then reads (the usual "save, then show the page") gets the old price.
 * settled() is for work deliberately put off, such as a delayed second delete, not for
 * the invalidation itself.
 */
import { updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { catalogReads } from '../src/catalog-reads.js';
import { invalidate } from '../src/fence.js';

export function createInvalidatingCatalog(options: CatalogOptions): Catalog {
  const { keysOf, getProduct } = catalogReads(options);
  const background = new Set<Promise<void>>();
  return {
    getProduct,
    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(options.db, id, priceCents);
      if (product !== null) {
        const pending = invalidate(options.redis, keysOf(id)).catch((error: unknown) => console.warn(String(error)));
        background.add(pending);
        void pending.finally(() => background.delete(pending));
      }
      return product;
    },
    settled: async () => void (await Promise.all(background)),
  };
}
