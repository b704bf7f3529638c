/**
 * Mistake: write-through skips the cache step when the fence read before the UPDATE failed
 * Replaces: write-through.ts
 * Caught by: 03.20
 *
 * If Redis could not answer a GET a moment ago, piling more commands on it looks like
 * the considerate thing to do: log it, let the TTL bound the damage, and return the
 * committed row. But Redis failing once is not Redis being down: the very next command
 * may go through, and this write is now the only one that knows the cached copy is
 * stale. Skipping the cache step leaves the old price cached for up to an hour although
 * updatePrice resolved, breaking the promise that a read right after it shows the new
 * price. Without the fence the writer cannot SET safely, but it can still delete.
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
      // Redis was already failing before the UPDATE: do not pile more commands on it.
      const refresh =
        seen === null
          ? Promise.reject(new Error('Redis unavailable before the UPDATE'))
          : writeThrough(redis, keys, seen, JSON.stringify(product));
      await refresh.catch((error: unknown) =>
        console.warn(`[catalog] product ${id} changed but its cache entry was not refreshed: ${String(error)}`),
      );
      return product;
    },
    settled: async () => {},
  };
}
