/**
 * Mistake: a check starts a read, sleeps 60 ms, and then looks at Redis
 * Replaces: checks.ts
 * Caught by: 14.2
 *
 * On a laptop the read is done in a few milliseconds, so the check passes every time
 * there. On a busy CI machine, or with a database a little slower, the read is still
 * running when the check looks, and it fails with nothing wrong in the cache.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { cachedKeys, checks as reference } from '../src/checks.js';

const filledSoon = check('a read fills the cache soon after it starts', async (tools) => {
  void tools.makeCache().getProduct(2);
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(await cachedKeys(tools)).toHaveLength(1);
});

export const checks = [...reference, filledSoon];
