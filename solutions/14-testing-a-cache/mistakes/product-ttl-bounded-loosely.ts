/**
 * Mistake: the product TTL is bounded by "more than ten seconds, at most an hour"
 * Replaces: checks.ts
 * Caught by: 14.20
 *
 * Both bounds are there, so the check looks careful, and it catches a TTL of 3.6 s. But
 * the README promises an hour: a cache that keeps products for a minute sends sixty
 * times the reads to Postgres and sits inside this window. The lower bound belongs near
 * the promise, not near zero.
 */
import { expect } from 'vitest';
import { check, PRODUCT_TTL_SECONDS } from '../../../labs/14-testing-a-cache/src/contract.js';
import { cachedKeys, checks as reference, productTtl } from '../src/checks.js';

const someSeconds = check('a read leaves one key under the prefix that lives more than ten seconds', async (tools) => {
  await tools.makeCache().getProduct(4);
  const keys = await cachedKeys(tools);
  expect(keys).toHaveLength(1);
  expect(keys[0]!.pttlMs).toBeGreaterThan(10_000);
  expect(keys[0]!.pttlMs).toBeLessThanOrEqual(PRODUCT_TTL_SECONDS * 1000);
});

export const checks = reference.map((c) => (c === productTtl ? someSeconds : c));
