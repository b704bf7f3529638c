/**
 * Broken cache: a Map in the process answers before Redis does.
 *
 * In one process everything works, updates included: the writer clears its own copy.
 * Another process keeps its copy, and its readers see the old price for as long as it runs.
 */
import type { Product, ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working } from '../../../labs/14-testing-a-cache/src/product-cache.js';

export function createProductCache(options: ProductCacheOptions) {
  const cache = working(options);
  const local = new Map<number, Product | null>();
  return {
    async getProduct(id: number) {
      if (!local.has(id)) local.set(id, await cache.getProduct(id));
      return local.get(id) ?? null;
    },
    async updatePrice(id: number, cents: number) {
      const product = await cache.updatePrice(id, cents);
      local.delete(id);
      return product;
    },
  };
}
