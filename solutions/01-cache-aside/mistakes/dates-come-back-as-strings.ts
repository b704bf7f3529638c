/**
 * Mistake: the value is JSON-parsed but not decoded, so dates come back as strings
 * Replaces: product-codec.ts
 * Caught by: 01.4
 *
 * JSON.stringify/JSON.parse round-trips numbers and strings, so it looks complete. A
 * Date becomes an ISO string and stays one: `product.updatedAt.getTime()` throws on a
 * hit and works on a miss, a bug that shows up only in production traffic.
 */
import type { Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { Codec } from '../src/get-or-fetch.js';

export const productCodec: Codec<Product> = {
  encode: (product) => JSON.stringify(product),
  decode: (text) => JSON.parse(text) as Product,
};
