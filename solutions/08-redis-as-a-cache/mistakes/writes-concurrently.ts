/**
 * Mistake: one SET per product, all sent at once (Promise.all)
 * Replaces: products.ts
 * Caught by: 08.6
 *
 * No await between them, so the writes do not wait for each other, and the server may
 * read them in a few reads when TCP packs them. But each SET is still written to the
 * socket on its own, a request and a reply each: a pipeline sends them in one write.
 */
import { writeProducts as writeBatch } from '../src/products.js';
export { readProducts } from '../src/products.js';

export const writeProducts: typeof writeBatch = async (target, products) => {
  await Promise.all(products.map((product) => writeBatch(target, [product])));
};
