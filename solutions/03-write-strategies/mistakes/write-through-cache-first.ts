/**
 * Mistake: write-through updates Redis first, then Postgres
 * Replaces: write-through.ts
 * Caught by: 03.7, 03.16
 *
 * "The cache is what readers see, so update it first and they see the change at once."
 * But Postgres may still refuse the write (a constraint, a timeout, a failover). The
 * caller gets the error, and every reader meanwhile gets a price that was never stored,
 * for a full TTL. The database is the source of truth: write it first, and fill the
 * cache from the row it returns.
 */
import { updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { readFence, writeThrough } from '../src/fence.js';
import { productKeys } from '../src/keys.js';
import { createWriteThroughCatalog as createRealCatalog } from '../src/write-through.js';

export function createWriteThroughCatalog(options: CatalogOptions): Catalog {
  const catalog = createRealCatalog(options);
  const { redis, db, keyPrefix } = options;
  return {
    ...catalog,
    async updatePrice(id, priceCents) {
      const current = await catalog.getProduct(id);
      if (!current) return null;
      const keys = productKeys(keyPrefix, id);
      await writeThrough(redis, keys, await readFence(redis, keys), JSON.stringify({ ...current, priceCents }));
      return updateProductPrice(db, id, priceCents);
    },
  };
}
