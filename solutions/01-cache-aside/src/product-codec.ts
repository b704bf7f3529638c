import type { Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { Codec } from './get-or-fetch.js';

// #region product-codec
/** JSON turns a Date into a string; decoding turns it back, so a hit looks like a miss. */
export const productCodec: Codec<Product> = {
  encode: (product) => JSON.stringify(product),
  decode: (text) => {
    const raw = JSON.parse(text) as Omit<Product, 'updatedAt'> & { updatedAt: string };
    return { ...raw, updatedAt: new Date(raw.updatedAt) };
  },
};
// #endregion product-codec
