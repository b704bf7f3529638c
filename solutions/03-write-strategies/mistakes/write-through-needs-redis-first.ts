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
import type { Catalog, CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { readFence } from '../src/fence.js';
import { productKeys } from '../src/keys.js';
import { createWriteThroughCatalog as createRealCatalog } from '../src/write-through.js';

export function createWriteThroughCatalog(options: CatalogOptions): Catalog {
  const catalog = createRealCatalog(options);
  return {
    ...catalog,
    async updatePrice(id, priceCents) {
      // A failure here rejects before the real update, which would have carried on without it.
      await readFence(options.redis, productKeys(options.keyPrefix, id));
      return catalog.updatePrice(id, priceCents);
    },
  };
}
