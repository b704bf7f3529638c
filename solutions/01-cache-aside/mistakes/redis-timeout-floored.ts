/**
 * Mistake: redisTimeoutMs is raised to at least 100 ms
 * Replaces: product-cache.ts
 * Caught by: 01.14
 *
 * A floor reads like defensive engineering: a 20 ms bound on a busy machine can time out
 * a Redis that was about to answer, and the caller's value is still used whenever it is
 * sensible. Every check with a stalled Redis or a reply far beyond 100 ms stays green. But
 * the caller chose 20 ms for a latency budget this code cannot see; a reply arriving at
 * 25 ms is used when it should have been abandoned, and every request on a slow Redis waits
 * five times what was asked. The option is the bound, with no constant of your own on top.
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
import { updatePrice } from '../src/update-price.js';

const MIN_REDIS_TIMEOUT_MS = 100;

export function createProductCache({ redisTimeoutMs = 250, ...options }: ProductCacheOptions): ProductCache {
  const bound = Math.max(redisTimeoutMs, MIN_REDIS_TIMEOUT_MS);
  const deps = { ...options, redisTimeoutMs: bound };
  return {
    getProduct: (id) =>
      getOrFetch(deps.redis, {
        key: productKey(deps.keyPrefix, id),
        ttlSeconds: PRODUCT_TTL_SECONDS,
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs: bound,
        load: () => selectProduct(deps.db, id),
      }),
    updatePrice: (id, priceCents) => updatePrice(deps, id, priceCents),
  };
}
