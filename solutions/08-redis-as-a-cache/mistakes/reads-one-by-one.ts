/**
 * Mistake: one awaited GET per id
 * Replaces: products.ts
 * Caught by: 08.7
 *
 * The answers are right and in order. But a page of 200 products waits for 200 round
 * trips in a row; MGET fetches them all in one.
 */
import { readProducts as readBatch } from '../src/products.js';
export { writeProducts } from '../src/products.js';

export const readProducts: typeof readBatch = async (target, ids) => {
  const found: Awaited<ReturnType<typeof readBatch>> = [];
  for (const id of ids) {
    const [product] = await readBatch(target, [id]);
    found.push(product ?? null);
  }
  return found;
};
