/**
 * Mistake: ids found missing are also remembered in a process-wide Set, which never expires
 * Replaces: product-cache.ts
 * Caught by: 01.5
 *
 * Skipping Redis for an id we already know is missing looks like a free win: the marker is
 * still written with its 60 s TTL, so Redis looks right, and repeated lookups cost neither
 * a round trip nor a query. But the Set is a second cache with no TTL and no invalidation.
 * When the product is created, the Redis marker expires after a minute as designed, yet this
 * process keeps answering null until it restarts, while other processes find the product.
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

const knownMissing = new Set<string>();

export function createProductCache({ redisTimeoutMs = 250, ...options }: ProductCacheOptions): ProductCache {
  const deps = { ...options, redisTimeoutMs };
  return {
    async getProduct(id) {
      const key = productKey(deps.keyPrefix, id);
      if (knownMissing.has(key)) return null;
      const product = await getOrFetch(deps.redis, {
        key,
        ttlSeconds: PRODUCT_TTL_SECONDS,
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs,
        load: () => selectProduct(deps.db, id),
      });
      if (product === null) knownMissing.add(key);
      return product;
    },
    updatePrice: (id, priceCents) => updatePrice(deps, id, priceCents),
  };
}
