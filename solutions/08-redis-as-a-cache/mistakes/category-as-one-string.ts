/**
 * Mistake: a category is one JSON string, rewritten for every change
 * Replaces: categories.ts
 * Caught by: 08.8, 08.9, 08.12
 *
 * One GET returns the whole list, which looks efficient, and the TTL is right. But the
 * value grows with the category (40 products are some 5 KB, a big category megabytes),
 * and changing one price means reading all of it and sending all of it back.
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

export async function cacheCategory(
  target: CacheTarget,
  id: number,
  products: Product[],
): Promise<void> {
  const key = categoryKey(target.keyPrefix, id);
  await target.redis.set(key, JSON.stringify(products), 'EX', PRODUCT_TTL_SECONDS);
}

export async function updateProduct(
  target: CacheTarget,
  id: number,
  product: Product,
): Promise<void> {
  const { redis, keyPrefix } = target;
  const key = categoryKey(keyPrefix, id);
  const text = await redis.get(key);
  const transaction = redis.multi();
  const json = JSON.stringify(product);
  transaction.set(productKey(keyPrefix, product.id), json, 'EX', PRODUCT_TTL_SECONDS);
  if (text !== null) {
    const list =
      (JSON.parse(text) as Product[]).map((p) => (p.id === product.id ? product : p));
    transaction.set(key, JSON.stringify(list), 'KEEPTTL');
  }
  await transaction.exec();
}
