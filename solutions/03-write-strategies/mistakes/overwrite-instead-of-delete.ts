/**
 * Mistake: after the commit the new row is SET into the cache instead of deleting the entry
 * Replaces: invalidate-on-write.ts
 * Caught by: 03.4, 03.18
 *
 * The writer already holds the new row, so writing it saves the next reader a miss, and
 * a plain SET after the commit looks strictly better than DEL. But a SET is just another
 * fill, racing every other fill: a reader that loaded the old row before the commit can
 * SET it after ours, and nothing tells it a write came between. (Write-through can update
 * instead of deleting only if it moves a version that fills are checked against.)
 */
import { PRODUCT_TTL_SECONDS, updateProductPrice, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { catalogReads } from '../src/catalog-reads.js';

export function createInvalidatingCatalog(options: CatalogOptions) {
  const { getProduct, keysOf } = catalogReads(options);
  const updatePrice = async (id: number, priceCents: number) => {
    const updated = await updateProductPrice(options.db, id, priceCents);
    if (updated) await options.redis.set(keysOf(id).value, JSON.stringify(updated), 'EX', PRODUCT_TTL_SECONDS);
    return updated;
  };
  return { getProduct, updatePrice, settled: async () => {} };
}
