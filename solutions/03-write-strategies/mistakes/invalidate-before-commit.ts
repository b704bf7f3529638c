/**
 * Mistake: the cache entry is deleted before the UPDATE, not after it
 * Replaces: invalidate-on-write.ts
 * Caught by: 03.3
 *
 * "Clear the cache, then write" reads naturally, and if the UPDATE fails the cache is
 * merely cold, which feels safe. But between the DEL and the commit the old row is still
 * the truth: any reader that misses in that window loads it and caches it again, and
 * this write has already done its invalidating. The old price then lives a full TTL.
 */
import { updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { catalogReads } from '../src/catalog-reads.js';
import { invalidate } from '../src/fence.js';

export function createInvalidatingCatalog(options: CatalogOptions): Catalog {
  const reads = catalogReads(options);
  return {
    getProduct: reads.getProduct,
    async updatePrice(id, priceCents) {
      await invalidate(options.redis, reads.keysOf(id)); // clear first, so nobody reads the old price...
      return updateProductPrice(options.db, id, priceCents);
    },
    settled: () => Promise.resolve(),
  };
}
