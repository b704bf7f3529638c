/**
 * Mistake: updatePrice is checked by what it returns and what Postgres holds
 * Replaces: checks.ts
 * Caught by: 14.14 14.15 14.17
 *
 * The new price comes back and the row has it, so the update "works". Neither says a
 * word about the cache: the bug is the old price a reader gets from Redis afterwards,
 * and no check of this suite reads after an update.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, readDuringUpdate, rowOf } from '../src/checks.js';

const updateReturns = check('updatePrice returns and stores the new price', async (tools) => {
  const cache = tools.makeCache();
  await cache.getProduct(7);
  expect((await cache.updatePrice(7, 1_234))?.priceCents).toBe(1_234);
  expect((await rowOf(tools, 7))?.priceCents).toBe(1_234);
});

export const checks = reference.map((c) => (c === readDuringUpdate ? updateReturns : c));
