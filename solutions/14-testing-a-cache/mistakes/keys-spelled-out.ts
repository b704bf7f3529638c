/**
 * Mistake: the product's key is spelled out, not found with SCAN
 * Replaces: checks.ts
 * Caught by: 14.1
 *
 * product-cache.ts names its keys `<prefix>product:<id>`, so reading that key's PTTL
 * works on it. It tests that file's spelling, not the promise: a cache that keeps every
 * promise with other key names fails the check, and one whose keys moved would be judged
 * on a key it never wrote.
 */
import { expect } from 'vitest';
import { check, PRODUCT_TTL_SECONDS } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, productTtl } from '../src/checks.js';

const spelled = check('a read leaves product:<id> with the product TTL of an hour', async (tools) => {
  await tools.makeCache().getProduct(4);
  const pttlMs = await tools.redis.pttl(`${tools.prefix}product:4`);
  expect(pttlMs).toBeGreaterThan((PRODUCT_TTL_SECONDS - 60) * 1000);
  expect(pttlMs).toBeLessThanOrEqual(PRODUCT_TTL_SECONDS * 1000);
});

export const checks = reference.map((c) => (c === productTtl ? spelled : c));
