/**
 * Mistake: the codec stores updatedAt as Unix seconds, so a hit loses the milliseconds
 * Replaces: product-codec.ts
 * Caught by: 01.11
 *
 * Epoch seconds are compact, language-neutral and decode to a real Date, so the type check
 * passes and seeded rows stamped on the hour round-trip exactly. But updated_at = now()
 * carries milliseconds: a hit returns a time up to a second earlier than a miss. Code that
 * compares timestamps (If-Modified-Since, optimistic locking, "changed since") now gets a
 * different answer from a hit than from a miss.
 */
import type { Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { Codec } from '../src/get-or-fetch.js';

type Stored = Omit<Product, 'updatedAt'> & { updatedAt: number };

export const productCodec: Codec<Product> = {
  encode: (product) => JSON.stringify({ ...product, updatedAt: Math.floor(product.updatedAt.getTime() / 1000) } satisfies Stored),
  decode: (text) => {
    const stored = JSON.parse(text) as Stored;
    return { ...stored, updatedAt: new Date(stored.updatedAt * 1000) };
  },
};
