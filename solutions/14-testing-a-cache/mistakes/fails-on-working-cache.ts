/**
 * Mistake: a check expects "not found" to be cached for an hour, like a product
 * Replaces: checks.ts
 * Caught by: 14.1
 *
 * One TTL for everything is a common reading of "cache for an hour". The cache keeps
 * "no such product" for a minute, so a product created a moment later shows up soon; a
 * check that demands an hour fails on the working cache, and then fails on every cache,
 * which tells a reader nothing.
 */
import { expect } from 'vitest';
import { check, PRODUCT_TTL_SECONDS } from '../../../labs/14-testing-a-cache/src/contract.js';
import { cachedKeys, checks as reference, missingRemembered } from '../src/checks.js';

const missingForAnHour = check('a missing product is remembered for an hour', async (tools) => {
  const cache = tools.makeCache();
  expect(await cache.getProduct(9_999)).toBeNull();
  const keys = await cachedKeys(tools);
  expect(keys).toHaveLength(1);
  expect(keys[0]!.pttlMs).toBeGreaterThan((PRODUCT_TTL_SECONDS - 60) * 1000);
});

export const checks = reference.map((c) => (c === missingRemembered ? missingForAnHour : c));
