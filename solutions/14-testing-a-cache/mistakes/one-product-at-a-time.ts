/**
 * Mistake: every check reads one product, so no check reads two different ones in a row
 * Replaces: checks.ts
 * Caught by: 14.19
 *
 * Each check picks its product and reads it again and again: hits, TTLs, updates, all
 * right. A cache whose key leaves out the id passes them all; it answers the first product
 * ever cached for every id, which a single check reading two ids shows at once.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, readsComeBackWhole, rowOf } from '../src/checks.js';

const oneProduct = check('a product comes back as its row: loaded once, then a hit here and in another process', async (tools) => {
  const [first, second] = [tools.makeCache(), tools.makeCache()];
  for (const cache of [first, first, second]) expect(await cache.getProduct(3)).toEqual(await rowOf(tools, 3));
  expect(tools.db.count()).toBe(1);
});

export const checks = reference.map((c) => (c === readsComeBackWhole ? oneProduct : c));
