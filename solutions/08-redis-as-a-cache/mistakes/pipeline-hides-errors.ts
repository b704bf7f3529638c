/**
 * Mistake: writeProducts awaits the pipeline and never looks at its replies
 * Replaces: products.ts
 * Caught by: 08.13
 *
 * One pipeline, every SET with its TTL: the round trips and the TTLs are right, and
 * with a well configured server nothing ever fails. But exec() resolves even when every
 * command in it failed, with the errors inside its replies. On a server left at
 * noeviction, every write is refused with OOM and the caller is told all went well.
 */
import type {
  CacheTarget,
  Product,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import {
  PRODUCT_TTL_SECONDS,
  productKey,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
export { readProducts } from '../src/products.js';

export async function writeProducts(
  target: CacheTarget,
  products: Product[],
): Promise<void> {
  const pipeline = target.redis.pipeline();
  for (const p of products) {
    const key = productKey(target.keyPrefix, p.id);
    pipeline.set(key, JSON.stringify(p), 'EX', PRODUCT_TTL_SECONDS);
  }
  await pipeline.exec();
}
