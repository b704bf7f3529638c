/**
 * Mistake: invalidate-on-write catches a failed UPDATE, logs it and resolves null
 * Replaces: invalidate-on-write.ts
 * Caught by: 03.7
 *
 * The catalog already treats Redis errors as "log and carry on", so treating a database
 * error the same way looks consistent, and nothing wrong is cached: the cache is never
 * touched when the write fails. But the two are not alike. A failed cache step leaves a
 * committed write behind; a failed UPDATE leaves nothing. Resolving null tells the caller
 * "no such product" when the product exists and its price was not changed: the admin page
 * shows a misleading message, and a caller that retries on errors never retries. The
 * database's error must reach the caller.
 */
import { updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { catalogReads } from '../src/catalog-reads.js';
import { invalidate } from '../src/fence.js';

export function createInvalidatingCatalog(options: CatalogOptions): Catalog {
  const { redis, db } = options;
  const { keysOf, getProduct } = catalogReads(options);

  return {
    getProduct,
    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(db, id, priceCents).catch((error: unknown) => {
        console.error(`[catalog] price update of product ${id} failed: ${String(error)}`);
        return null;
      });
      if (product === null) return null;
      await invalidate(redis, keysOf(id)).catch((error: unknown) =>
        console.warn(`[catalog] product ${id} changed but its cache entry was not invalidated: ${String(error)}`),
      );
      return product;
    },
    settled: async () => {},
  };
}
