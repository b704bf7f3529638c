/**
 * Mistake: one fence for the whole catalog instead of one per product
 * Replaces: keys.ts
 * Caught by: 03.19
 *
 * Fewer keys, and every race test on a single product still passes: a write moves the
 * fence, a slow reader's fill is refused. But a write to product 2 now refuses the fill
 * of every product being read at that moment, and a write-through that started while
 * another product was written sees "the fence moved" and deletes its row instead of
 * caching it. Under a steady stream of writes the cache barely fills at all: correct,
 * and useless. A fence guards one key.
 */
export interface ProductKeys {
  value: string;
  fence: string;
}

export const productKeys = (prefix: string, id: number): ProductKeys => ({
  value: `${prefix}product:{${id}}`,
  fence: `${prefix}catalog:fence`,
});

export { viewKeys, type ViewKeys } from '../src/keys.js';
