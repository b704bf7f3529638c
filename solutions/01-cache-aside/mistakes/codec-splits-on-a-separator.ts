/**
 * Mistake: the product is stored as its fields joined by `|`
 * Replaces: product-codec.ts
 * Caught by: 01.11
 *
 * A delimited line is a third the size of the JSON, dates survive as epoch milliseconds,
 * and every seeded product round-trips perfectly, so it looks like a careful optimisation.
 * But nothing stops a name or a category from containing the separator. A name with a `|`
 * in it shifts every later field: the hit returns a truncated name, the rest of it as the
 * category, and a price of NaN. An encoding must be lossless for every value the column
 * can hold, which means escaping, a length prefix, or simply JSON.
 */
import type { Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { Codec } from '../src/get-or-fetch.js';

export const productCodec: Codec<Product> = {
  encode: (p) => [p.id, p.sku, p.name, p.category, p.priceCents, p.updatedAt.getTime()].join('|'),
  decode: (text) => {
    const [id, sku, name, category, priceCents, updatedAt] = text.split('|');
    return {
      id: Number(id),
      sku: sku ?? '',
      name: name ?? '',
      category: category ?? '',
      priceCents: Number(priceCents),
      updatedAt: new Date(Number(updatedAt)),
    };
  },
};
