import type {
  CacheTarget,
  Product,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import {
  categoryKey,
  PRODUCT_TTL_SECONDS,
  productKey,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';

// #region categories
/**
 * A category is a hash, one field per product, so one product can change without the
 * others being read or sent again. Replacing it is DEL, HSET and EXPIRE in one
 * transaction: no reader sees old and new members mixed, or the hash without its TTL.
 */
export async function cacheCategory(
  target: CacheTarget,
  categoryId: number,
  products: Product[],
): Promise<void> {
  const { redis, keyPrefix } = target;
  const key = categoryKey(keyPrefix, categoryId);
  const transaction = redis.multi().del(key);
  if (products.length > 0) {
    const fields = products.flatMap((p) => [String(p.id), JSON.stringify(p)]);
    transaction.hset(key, ...fields).expire(key, PRODUCT_TTL_SECONDS);
  }
  await transaction.exec();
}

/** The product key and the product's field in its cached category, atomically. */
export async function updateProduct(
  target: CacheTarget,
  categoryId: number,
  product: Product,
): Promise<void> {
  // Both copies change in one step. The category gets the field only if it is cached:
  // an HSET on a missing key would create a category holding this one product.
  const script = `
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
    if redis.call('EXISTS', KEYS[2]) == 1 then
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
    end
    return 1`;
  const { redis, keyPrefix } = target;
  await redis.eval(
    script,
    2,
    productKey(keyPrefix, product.id),
    categoryKey(keyPrefix, categoryId),
    String(product.id),
    JSON.stringify(product),
    PRODUCT_TTL_SECONDS,
  );
}
// #endregion categories
