/**
 * Mistake: writeProducts reports OOM errors only
 * Replaces: products.ts
 * Caught by: 08.21
 *
 * The README's example of a refused write is an OOM under noeviction, and that one is
 * reported. But any reply may be an error (READONLY after a failover, a wrong type, a
 * script error): those are dropped, and the caller believes the products are cached.
 */
import { writeProducts as writeChecked } from '../src/products.js';
export { readProducts } from '../src/products.js';

export const writeProducts: typeof writeChecked = async (target, products) => {
  try {
    await writeChecked(target, products);
  } catch (error) {
    if (String(error).includes('OOM')) throw error;
  }
};
