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
import {
  MISSING_TTL_SECONDS,
  PRODUCT_TTL_SECONDS,
  selectProduct,
  type ProductCache,
  type ProductCacheOptions,
} from '../../../labs/01-cache-aside/src/contract.js';
import { getOrFetch } from '../src/get-or-fetch.js';
import { productKey } from '../src/keys.js';
import { productCodec } from '../src/product-codec.js';
import type { CacheDeps } from '../src/product-cache.js';
import { updatePrice } from '../src/update-price.js';

export function createProductCache(options: ProductCacheOptions): ProductCache {
  const deps = options as CacheDeps;
  return {
    getProduct: (id) =>
      getOrFetch(deps.redis, {
        key: productKey(deps.keyPrefix, id),
        ttlSeconds: PRODUCT_TTL_SECONDS,
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs: options.redisTimeoutMs ?? 250,
        load: () => selectProduct(deps.db, id),
      }),
    updatePrice: (id, priceCents) => updatePrice(deps, id, priceCents),
  };
}
