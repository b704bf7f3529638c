/**
 * Mistake: the field is written whether or not the category is cached
 * Replaces: categories.ts
 * Caught by: 08.11
 *
 * One MULTI, both copies, nothing else sent: it passes every check about size and
 * atomicity. But when the category was evicted or had expired, HSET creates it holding
 * this one product, with no TTL, and every reader takes that for the whole category.
 */
import * as contract from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type { updateProduct as updateIfCached } from '../src/categories.js';
export { cacheCategory } from '../src/categories.js';

export const updateProduct: typeof updateIfCached = async ({ redis, keyPrefix }, id, product) => {
  const json = JSON.stringify(product);
  await redis
    .multi()
    .set(contract.productKey(keyPrefix, product.id), json, 'EX', contract.PRODUCT_TTL_SECONDS)
    .hset(contract.categoryKey(keyPrefix, id), String(product.id), json)
    .exec();
};
