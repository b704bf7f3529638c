import type {
  CacheTarget,
  Product,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import {
  PRODUCT_TTL_SECONDS,
  productKey,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';

// #region batches
/**
 * Caches every product, each SET carrying its TTL, all of them in one pipeline: one
 * write to the socket and one round trip instead of one per product.
 */
export async function writeProducts(
  target: CacheTarget,
  products: Product[],
): Promise<void> {
  const { redis, keyPrefix } = target;
  const pipeline = redis.pipeline();
  for (const product of products) {
    const key = productKey(keyPrefix, product.id);
    pipeline.set(key, JSON.stringify(product), 'EX', PRODUCT_TTL_SECONDS);
  }
  // exec() resolves even when commands failed: each reply is [error, result].
  const replies = (await pipeline.exec()) ?? [];
  const failed = replies.find(([error]) => error !== null);
  if (failed) throw failed[0];
}

/** One MGET for all of them; an empty list sends nothing (MGET needs a key). */
export async function readProducts(
  target: CacheTarget,
  ids: number[],
): Promise<(Product | null)[]> {
  if (ids.length === 0) return [];
  const { redis, keyPrefix } = target;
  const texts = await redis.mget(ids.map((id) => productKey(keyPrefix, id)));
  return texts.map((text) => (text === null ? null : (JSON.parse(text) as Product)));
}
// #endregion batches
