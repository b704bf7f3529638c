/**
 * Mistake: updating one product reads the whole hash and writes every field back
 * Replaces: categories.ts
 * Caught by: 08.9
 *
 * The category is a hash and the write is one atomic MULTI, so it looks like the
 * lesson's advice. But HGETALL and an HSET of every field move the whole category over
 * the network for one changed member, which is what the hash was meant to avoid.
 */
import * as contract from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type { updateProduct as updateOneField } from '../src/categories.js';
export { cacheCategory } from '../src/categories.js';

export const updateProduct: typeof updateOneField = async ({ redis, keyPrefix }, id, product) => {
  const hash = contract.categoryKey(keyPrefix, id);
  const members = await redis.hgetall(hash);
  const json = JSON.stringify(product);
  const step = redis.multi();
  step.set(contract.productKey(keyPrefix, product.id), json, 'EX', contract.PRODUCT_TTL_SECONDS);
  // Every member goes back, though only one changed.
  if (Object.keys(members).length > 0) step.hset(hash, { ...members, [product.id]: json });
  await step.exec();
};
