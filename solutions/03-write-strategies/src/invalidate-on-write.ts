import {
  updateProductPrice,
  type Catalog,
  type CatalogOptions,
} from '../../../labs/03-write-strategies/src/contract.js';
import { catalogReads } from './catalog-reads.js';
import { invalidate } from './fence.js';

/**
 * Cache-aside reads, invalidate-on-write: a write changes Postgres, then deletes the
 * cached copy. The next read loads exactly what was committed.
 */
export function createInvalidatingCatalog(options: CatalogOptions): Catalog {
  const { redis, db } = options;
  const { keysOf, getProduct } = catalogReads(options);

  return {
    getProduct,

    // #region update-price
    async updatePrice(id, priceCents) {
      // 1. Commit first. Deleting before the commit leaves a window in which a reader
      //    loads the old row and caches it again, and nothing ever removes it.
      const product = await updateProductPrice(db, id, priceCents);
      if (product === null) return null;
      // 2. Then delete the copy and move the fence in one step, so that a reader that
      //    loaded the old row before our commit cannot put it back (read-product.ts).
      // The write has committed: if Redis fails now, the caller's write still stands.
      // Log it; the TTL bounds how long the old price can be served.
      await invalidate(redis, keysOf(id)).catch((error: unknown) =>
        console.warn(
          `[catalog] product ${id} changed but its cache entry was not invalidated: ${String(error)}`,
        ),
      );
      return product;
    },
    // #endregion update-price

    // Nothing is put off for later: the fence closes the race at once, without a
    // delayed second delete to wait for.
    settled: async () => {},
  };
}
