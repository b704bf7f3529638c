/**
 * Mistake: the "not found" TTL is bounded by "expires, and within a minute"
 * Replaces: checks.ts
 * Caught by: 14.21
 *
 * PTTL above zero rules out a marker kept for ever, and at most 60000 one kept for an
 * hour. A marker written with PX 60 (60 ms, not 60 s) is inside both bounds, or already
 * gone, and the loop over the keys found has nothing to judge: every lookup of that id
 * goes to Postgres again.
 */
import { expect } from 'vitest';
import { check, MISSING_TTL_SECONDS } from '../../../labs/14-testing-a-cache/src/contract.js';
import { cachedKeys, checks as reference, missingRemembered } from '../src/checks.js';

const expiresWithinAMinute = check('a missing product reads as null, and is forgotten within a minute', async (tools) => {
  expect(await tools.makeCache().getProduct(9_999)).toBeNull();
  const keys = await cachedKeys(tools);
  expect(keys.length).toBeLessThanOrEqual(1);
  for (const { pttlMs } of keys) {
    expect(pttlMs).toBeGreaterThan(0);
    expect(pttlMs).toBeLessThanOrEqual(MISSING_TTL_SECONDS * 1000);
  }
});

export const checks = reference.map((c) => (c === missingRemembered ? expiresWithinAMinute : c));
