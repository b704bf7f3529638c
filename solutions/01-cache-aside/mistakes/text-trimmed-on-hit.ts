/**
 * Mistake: the decoder trims every text field of a cached product
 * Replaces: product-codec.ts
 * Caught by: 01.11
 *
 * Trimming looks like tidying input, and no seeded name has a space at either end. But
 * the cache is not an input: a hit must return what the row holds, and a name that lost
 * its spaces on a hit differs from the same product read on a miss.
 */
import type { Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { Codec } from '../src/get-or-fetch.js';
import { productCodec as exact } from '../src/product-codec.js';

export const productCodec: Codec<Product> = {
  encode: exact.encode,
  decode: (text) => {
    const product = exact.decode(text);
    return { ...product, sku: product.sku.trim(), name: product.name.trim(), category: product.category.trim() };
  },
};
