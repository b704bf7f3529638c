import {
  MISSING_TTL_SECONDS,
  PRODUCT_TTL_SECONDS,
  selectProduct,
  type ProductCache,
  type ProductCacheOptions,
} from '../../../labs/01-cache-aside/src/contract.js';
import { getOrFetch } from './get-or-fetch.js';
import { productKey } from './keys.js';
import { productCodec } from './product-codec.js';
import { updatePrice } from './update-price.js';

/** What the read and write paths share: the options, with the default timeout filled in. */
export type CacheDeps = Required<ProductCacheOptions>;

export function createProductCache({
  redisTimeoutMs = 250,
  ...options
}: ProductCacheOptions): ProductCache {
  const deps: CacheDeps = { ...options, redisTimeoutMs };
  return {
    // #region get-product
    getProduct: (id) =>
      getOrFetch(deps.redis, {
        key: productKey(deps.keyPrefix, id),
        ttlSeconds: PRODUCT_TTL_SECONDS,
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs,
        load: () => selectProduct(deps.db, id),
      }),
    // #endregion get-product
    updatePrice: (id, priceCents) => updatePrice(deps, id, priceCents),
  };
}
