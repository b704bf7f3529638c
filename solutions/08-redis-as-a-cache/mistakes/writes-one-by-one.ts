/**
 * Mistake: one awaited SET per product
 * Replaces: products.ts
 * Caught by: 08.6
 *
 * Each SET carries its TTL and the code reads naturally. But each await is a round
 * trip: 200 products cost 200 of them, 20 ms at 0.1 ms each on a good network and far
 * more across zones, for work one pipeline does in one.
 */
import { writeProducts as writeBatch } from '../src/products.js';
export { readProducts } from '../src/products.js';

export const writeProducts: typeof writeBatch = async (target, products) => {
  // A batch of one per product, each awaited before the next is sent.
  for (const product of products) await writeBatch(target, [product]);
};
