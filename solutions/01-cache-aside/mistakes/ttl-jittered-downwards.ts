/**
 * Mistake: the product TTL is trimmed by a few random seconds to spread expiries
 * Replaces: product-cache.ts
 * Caught by: 01.3
 *
 * Jitter is a real technique (lesson 04 uses it against stampedes), and a TTL of 3592 s
 * instead of 3600 s still looks like "an hour" to anyone reading the key, so a check that
 * only asks "about an hour" stays green. But the contract here is PRODUCT_TTL_SECONDS,
 * exactly: the lab has not asked for jitter, and trimming it silently makes every entry
 * die early by an amount nobody chose, so the hit rate and the staleness budget are no
 * longer what the constant says. Spread expiries on purpose, where it is specified.
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

/** Up to 8 s less than the hour, so keys written together do not all expire together. */
const spread = () => 1 + Math.floor(Math.random() * 8);

export function createProductCache({ redisTimeoutMs = 250, ...options }: ProductCacheOptions): ProductCache {
  const deps = { ...options, redisTimeoutMs };
  return {
    getProduct: (id) =>
      getOrFetch(deps.redis, {
        key: productKey(deps.keyPrefix, id),
        ttlSeconds: PRODUCT_TTL_SECONDS - spread(),
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs,
        load: () => selectProduct(deps.db, id),
      }),
    updatePrice: (id, priceCents) => updatePrice(deps, id, priceCents),
  };
}
