/**
 * Mistake: decoding turns every string that looks like an ISO timestamp into a Date
 * Replaces: product-codec.ts
 * Caught by: 01.11
 *
 * A reviver for JSON.parse that spots dates by their shape is a popular snippet: it needs
 * no list of fields and works for every type you will ever cache. But it decides by what
 * a value looks like, not what it is. A name, a category or a SKU whose text happens to
 * be a timestamp comes back from a hit as a Date, while the miss returned a string.
 */
import type { Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { Codec } from '../src/get-or-fetch.js';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export const productCodec: Codec<Product> = {
  encode: (product) => JSON.stringify(product),
  decode: (text) =>
    JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' && ISO_TIMESTAMP.test(value) ? new Date(value) : value)) as Product,
};
