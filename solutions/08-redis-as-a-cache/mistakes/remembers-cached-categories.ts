/**
 * Mistake: the process remembers which categories it cached
 * Replaces: categories.ts
 * Caught by: 08.15
 *
 * A Set of the categories this process cached answers "is it cached?" with no round trip,
 * and the update is one MULTI. But Redis evicts and expires keys without telling anyone
 * (and other processes cache categories too): a category remembered here but gone from
 * the server is created again, holding this one product.
 */
import * as contract from '../../../labs/08-redis-as-a-cache/src/contract.js';
import { cacheCategory as cacheOnServer, type updateProduct as updateInScript } from '../src/categories.js';

const cachedHere = new Set<string>();

export const cacheCategory: typeof cacheOnServer = async (target, id, products) => {
  await cacheOnServer(target, id, products);
  const key = contract.categoryKey(target.keyPrefix, id);
  if (products.length > 0) cachedHere.add(key);
  else cachedHere.delete(key);
};

export const updateProduct: typeof updateInScript = async ({ redis, keyPrefix }, id, product) => {
  const category = contract.categoryKey(keyPrefix, id);
  const json = JSON.stringify(product);
  const writes = redis.multi().set(contract.productKey(keyPrefix, product.id), json, 'EX', contract.PRODUCT_TTL_SECONDS);
  if (cachedHere.has(category)) writes.hset(category, String(product.id), json);
  await writes.exec();
};
