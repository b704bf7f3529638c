/**
 * Mistake: text is Unicode-normalised (NFC) on its way into Redis
 * Replaces: product-codec.ts
 * Caught by: 01.11
 *
 * NFC makes "é" one code point however it was typed, which sounds like a cleaner cache.
 * But the row in Postgres keeps what was written: a hit now returns a different string
 * from a miss (another length, another hash), invisible on screen.
 */
import type { Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { Codec } from '../src/get-or-fetch.js';
import { productCodec as exact } from '../src/product-codec.js';

export const productCodec: Codec<Product> = {
  encode: (product) => exact.encode(product).normalize('NFC'),
  decode: exact.decode,
};
