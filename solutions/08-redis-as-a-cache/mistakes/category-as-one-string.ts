/**
 * Mistake: a category is one JSON string, rewritten for every change
 * Replaces: categories.ts
 * Caught by: 08.8, 08.9, 08.12
 *
 * One GET returns the whole list, which looks efficient, and the TTL is right. But the
 * value grows with the category (40 products are some 5 KB, a big category megabytes),
 * and changing one price means reading all of it and sending all of it back.
 */
import * as contract from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type * as hashes from '../src/categories.js';

export const cacheCategory: typeof hashes.cacheCategory = async (target, id, products) => {
  const key = contract.categoryKey(target.keyPrefix, id);
  await target.redis.set(key, JSON.stringify(products), 'EX', contract.PRODUCT_TTL_SECONDS);
};

export const updateProduct: typeof hashes.updateProduct = async (target, id, product) => {
  const listKey = contract.categoryKey(target.keyPrefix, id);
  const text = await target.redis.get(listKey);
  const json = JSON.stringify(product);
  const writes = target.redis.multi();
  const productKey = contract.productKey(target.keyPrefix, product.id);
  writes.set(productKey, json, 'EX', contract.PRODUCT_TTL_SECONDS);
  if (text !== null) {
    const list = (JSON.parse(text) as contract.Product[])
      .map((p) => (p.id === product.id ? product : p));
    writes.set(listKey, JSON.stringify(list), 'KEEPTTL');
  }
  await writes.exec();
};
