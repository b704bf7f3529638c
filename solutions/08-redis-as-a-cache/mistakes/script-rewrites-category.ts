/**
 * Mistake: a script reads the whole category and writes it back with the new member
 * Replaces: categories.ts
 * Caught by: 08.9
 *
 * Only the product crosses the network, and the script is atomic, so the update looks
 * both small and safe. But inside the server it reads every member and writes every
 * member again: the work grows with the category, for one changed product.
 */
import * as contract from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type { updateProduct as updateOneField } from '../src/categories.js';
export { cacheCategory } from '../src/categories.js';

const REWRITE = `
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  local members = redis.call('HGETALL', KEYS[2])
  if #members == 0 then return 0 end
  local ttl = redis.call('PTTL', KEYS[2])
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], unpack(members))
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ttl)
  return 1`;

export const updateProduct: typeof updateOneField = async ({ redis, keyPrefix }, id, product) => {
  const keys = [contract.productKey(keyPrefix, product.id), contract.categoryKey(keyPrefix, id)];
  await redis.eval(REWRITE, 2, ...keys, String(product.id), JSON.stringify(product), contract.PRODUCT_TTL_SECONDS);
};
