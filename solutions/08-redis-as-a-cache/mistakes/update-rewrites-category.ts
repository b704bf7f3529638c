/**
 * Mistake: updating one product reads the whole hash and writes every field back
 * Replaces: categories.ts
 * Caught by: 08.9
 *
 * The category is a hash and the write is one atomic MULTI, so it looks like the
 * lesson's advice. But HGETALL and an HSET of every field move the whole category over
 * the network for one changed member, which is what the hash was meant to avoid.
 */
import type {
  CacheTarget,
  Product,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import {
  categoryKey,
  PRODUCT_TTL_SECONDS,
  productKey,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
export { cacheCategory } from '../src/categories.js';

export async function updateProduct(
  target: CacheTarget,
  id: number,
  product: Product,
): Promise<void> {
  const { redis, keyPrefix } = target;
  const key = categoryKey(keyPrefix, id);
  const fields = await redis.hgetall(key);
  const transaction = redis.multi();
  const json = JSON.stringify(product);
  transaction.set(productKey(keyPrefix, product.id), json, 'EX', PRODUCT_TTL_SECONDS);
  if (Object.keys(fields).length > 0) {
    transaction.hset(key, { ...fields, [product.id]: json });
  }
  await transaction.exec();
}
