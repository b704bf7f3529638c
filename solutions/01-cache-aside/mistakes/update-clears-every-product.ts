/**
 * Mistake: updatePrice clears every cached product, not just the one that changed
 * Replaces: product-cache.ts
 * Caught by: 01.20
 *
 * "When in doubt, flush" can never serve a stale price, and SCAN (not KEYS) keeps it
 * polite to the server. But one price change now sends every reader of every product
 * back to Postgres at once: with a big catalog each write becomes a stampede, and the
 * hit ratio collapses on a busy day. Invalidate exactly what the write changed.
 */
import {
  MISSING_TTL_SECONDS,
  PRODUCT_TTL_SECONDS,
  selectProduct,
  updateProductPrice,
  type ProductCache,
  type ProductCacheOptions,
} from '../../../labs/01-cache-aside/src/contract.js';
import { getOrFetch } from '../src/get-or-fetch.js';
import { productKey } from '../src/keys.js';
import { productCodec } from '../src/product-codec.js';
import { withTimeout } from '../src/with-timeout.js';

export function createProductCache({ redis, db, keyPrefix, redisTimeoutMs = 250 }: ProductCacheOptions): ProductCache {
  async function clearProducts(): Promise<void> {
    const pattern = `${keyPrefix.replace(/[*?[\]\\]/g, '\\$&')}product:*`;
    for await (const batch of redis.scanStream({ match: pattern, count: 200 })) {
      const keys = batch as string[];
      if (keys.length > 0) await redis.del(...keys);
    }
  }

  return {
    getProduct: (id) =>
      getOrFetch(redis, {
        key: productKey(keyPrefix, id),
        ttlSeconds: PRODUCT_TTL_SECONDS,
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs,
        load: () => selectProduct(db, id),
      }),

    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(db, id, priceCents);
      await withTimeout(clearProducts(), redisTimeoutMs).catch(() => {});
      return product;
    },
  };
}
