import type { CacheTarget, Product } from './contract.js';
import { categoryKey, productKey } from './contract.js';

/** Caches a category's products, replacing whatever was cached for it. */
export async function cacheCategory(
  target: CacheTarget,
  categoryId: number,
  products: Product[],
): Promise<void> {
  const { redis, keyPrefix } = target;
  // TODO(08): one string holding the whole list: big, and rewritten for any change
  await redis.set(categoryKey(keyPrefix, categoryId), JSON.stringify(products));
}

/** Caches the product's new version, in its product key and in its cached category. */
export async function updateProduct(
  target: CacheTarget,
  categoryId: number,
  product: Product,
): Promise<void> {
  const { redis, keyPrefix } = target;
  const key = categoryKey(keyPrefix, categoryId);
  await redis.set(productKey(keyPrefix, product.id), JSON.stringify(product));
  // TODO(08): read the whole list, change one member, write the whole list back
  const text = await redis.get(key);
  if (text === null) return;
  const list = (JSON.parse(text) as Product[]).map((p) =>
    p.id === product.id ? product : p,
  );
  await redis.set(key, JSON.stringify(list));
}
