/**
 * Mistake: the "not found" TTL is bounded from above only
 * Replaces: checks.ts
 * Caught by: 14.10
 *
 * "At most a minute" is what the README stresses, so the check asserts PTTL <= 60000. A
 * key that never expires has a PTTL of -1, which is less than 60000: the check meant to
 * catch a marker kept too long passes the one kept for ever.
 */
import { expect } from 'vitest';
import { check, MISSING_TTL_SECONDS } from '../../../labs/14-testing-a-cache/src/contract.js';
import { cachedKeys, checks as reference, lookUpMissingTwice, missingRemembered } from '../src/checks.js';

const atMostAMinute = check('a missing product is remembered for at most a minute', async (tools) => {
  await lookUpMissingTwice(tools);
  const keys = await cachedKeys(tools);
  expect(keys).toHaveLength(1);
  expect(keys[0]!.pttlMs).toBeLessThanOrEqual(MISSING_TTL_SECONDS * 1000);
});

export const checks = reference.map((c) => (c === missingRemembered ? atMostAMinute : c));
