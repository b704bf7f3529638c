/**
 * Mistake: a check plants a decoy key without the prefix
 * Replaces: checks.ts
 * Caught by: 14.3
 *
 * Writing `product:3` by hand, to prove the cache does not read someone else's key,
 * sounds careful. On a shared Redis that key may be someone else's, and the check has just
 * overwritten it; and nothing cleans it up, since cleanup only knows the prefix.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, rowOf } from '../src/checks.js';

const ignoresDecoy = check('a key outside the prefix is not read as the product', async (tools) => {
  await tools.redis.set('product:3', '{"id":3,"priceCents":1}', 'EX', 60);
  expect(await tools.makeCache().getProduct(3)).toEqual(await rowOf(tools, 3));
});

export const checks = [...reference, ignoresDecoy];
