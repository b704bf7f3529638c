/**
 * Mistake: concurrent reads share one in-flight load, whatever product they asked for
 * Replaces: product-cache.ts
 * Caught by: 01.10
 *
 * Coalescing concurrent misses is a real technique (lesson 04), and with one product read
 * at a time every check of it passes. But the in-flight promise here is one per cache,
 * not one per id: while product 1 loads, a reader of product 2 joins it and gets product
 * 1. Anything shared between requests (a key, a lock, a pending promise) must be keyed
 * by what the request asked for.
 */
import type { Product, ProductCache, ProductCacheOptions } from '../../../labs/01-cache-aside/src/contract.js';
import { createProductCache as createRealCache } from '../src/product-cache.js';

/** The solution's cache with one pending read per cache, joined by every reader. */
export function createProductCache(options: ProductCacheOptions): ProductCache {
  const real = createRealCache(options);
  let inFlight: Promise<Product | null> | undefined;
  return {
    getProduct(id) {
      inFlight ??= real.getProduct(id).finally(() => (inFlight = undefined));
      return inFlight;
    },
    updatePrice: real.updatePrice,
  };
}
