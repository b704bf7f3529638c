/**
 * Mistake: the 250 ms default is filled in for the read only; updatePrice gets undefined
 * Replaces: product-cache.ts
 * Caught by: 01.27
 *
 * The read path spells the default where it uses it, and a cast makes the options look
 * complete for the write path. Every check that passes redisTimeoutMs is green. Without
 * it, the DEL's timer is setTimeout(..., undefined), which fires at once: updatePrice
 * gives up on the invalidation before Redis can answer, and on a stalled Redis it
 * resolves immediately, as if the old price were gone.
 */
import type { ProductCache, ProductCacheOptions } from '../../../labs/01-cache-aside/src/contract.js';
import { createProductCache as createRealCache, type CacheDeps } from '../src/product-cache.js';
import { updatePrice } from '../src/update-price.js';

export function createProductCache(options: ProductCacheOptions): ProductCache {
  const { getProduct } = createRealCache(options);
  return { getProduct, updatePrice: (id, priceCents) => updatePrice(options as CacheDeps, id, priceCents) };
}
