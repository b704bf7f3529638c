// Lab 05: a category far bigger than the seed's, for the checks that need a page showing
// many products. Not a suite.
import { onTestFinished } from 'vitest';
import type { Lab } from '../../harness/lab/use-lab.js';

/** The category the rows below belong to, and their name: `Paper filter #<id>`. */
export const MANY = { category: 'filters', term: 'filter', first: 101 } as const;

/**
 * Adds `count` products (ids 101 on) in a category of their own, for the running check
 * only: a listing of them shows more products than any batch or cap a code would pick,
 * and a search for `filter` shows the 50 its LIMIT allows. Removed when the check ends.
 * Returns their ids in the order the listing and the search show them.
 */
export async function addManyProducts(lab: Lab, count: number): Promise<number[]> {
  const last = MANY.first + count - 1;
  onTestFinished(async () => {
    await lab.db.sql('DELETE FROM products WHERE id BETWEEN $1 AND $2', [MANY.first, last]);
  });
  await lab.db.sql(
    `INSERT INTO products (id, sku, name, category, price_cents)
     SELECT n, 'SKU-' || lpad(n::text, 4, '0'), 'Paper filter #' || n, $3, 500 + n * 125
     FROM generate_series($1::int, $2::int) AS n`,
    [MANY.first, last, MANY.category],
  );
  return Array.from({ length: count }, (_, i) => MANY.first + i);
}
