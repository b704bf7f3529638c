/**
 * Mistake: a Redis error after the commit is thrown to the caller
 * Replaces: invalidate-on-write.ts
 * Caught by: 03.20
 *
 * Letting errors propagate is usually right, and a failed invalidation is worth knowing
 * about. But by then Postgres has committed: the price has changed. Rejecting tells the
 * caller the write failed when it did not; a client that retries, or a user shown an
 * error, acts on something false. Once the commit is done, a cache failure is logged,
 * and the TTL bounds how long the old value can be served.
 */
import { updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { catalogReads } from '../src/catalog-reads.js';
import { invalidate } from '../src/fence.js';

export function createInvalidatingCatalog(options: CatalogOptions): Catalog {
  const { keysOf, getProduct } = catalogReads(options);
  return {
    getProduct,
    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(options.db, id, priceCents);
      if (product !== null) await invalidate(options.redis, keysOf(id));
      return product;
    },
    settled: async () => {},
  };
}
