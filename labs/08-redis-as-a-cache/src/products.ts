import type { CacheTarget, Product } from './contract.js';
import { productKey } from './contract.js';

/** Caches every product under productKey. */
export async function writeProducts(
  target: CacheTarget,
  products: Product[],
): Promise<void> {
  const { redis, keyPrefix } = target;
  for (const product of products) {
    // TODO(08): one command per product, one round trip each, and no expiry at all
    await redis.set(productKey(keyPrefix, product.id), JSON.stringify(product));
  }
}

/** The cached products for `ids`, in the same order; null where one is not cached. */
export async function readProducts(
  target: CacheTarget,
  ids: number[],
): Promise<(Product | null)[]> {
  const { redis, keyPrefix } = target;
  const found: (Product | null)[] = [];
  for (const id of ids) {
    // TODO(08): N reads, N round trips
    const text = await redis.get(productKey(keyPrefix, id));
    found.push(text === null ? null : (JSON.parse(text) as Product));
  }
  return found;
}
