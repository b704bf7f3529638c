/**
 * Mistake: a SCAN carries the prefix's MATCH, then a second MATCH of its own
 * Replaces: checks.ts
 * Caught by: 14.3
 *
 * The first pattern is the prefix, so the command looks confined. Redis obeys the last
 * MATCH it is given: this one walks every key of the shared server that ends in :4.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference } from '../src/checks.js';

const scansWide = check('no key for product 4 exists outside the prefix after a read', async (tools) => {
  await tools.makeCache().getProduct(4);
  const [, keys] = (await tools.redis.call('SCAN', '0', 'MATCH', `${tools.prefix}*`, 'MATCH', '*:4', 'COUNT', '100')) as [string, string[]];
  expect(keys.filter((key) => !key.startsWith(tools.prefix))).toEqual([]);
});

export const checks = [...reference, scansWide];
