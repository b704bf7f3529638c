// Lab 01: cache-aside for the product catalog. The interface lives in contract.ts.
import { getOrFetch } from './get-or-fetch.js';
import {
  PRODUCT_TTL_SECONDS,
  selectProduct,
  updateProductPrice,
  type Product,
  type ProductCache,
  type ProductCacheOptions,
} from './contract.js';

export function createProductCache({ redis, db, keyPrefix }: ProductCacheOptions): ProductCache {
  const keyOf = (id: number) => `${keyPrefix}product:${id}`;

  return {
    // TODO(01): what comes back from Redis is parsed JSON: is updatedAt still a Date?
    getProduct: (id) => getOrFetch<Product>(redis, keyOf(id), PRODUCT_TTL_SECONDS, () => selectProduct(db, id)),

    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(db, id, priceCents);
      // TODO(01): the cached copy still holds the old price.
      return product;
    },
  };
}
