/**
 * Mistake: the "not found" TTL is checked to be at least a minute
 * Replaces: checks.ts
 * Caught by: 14.18
 *
 * Bounding from below catches the marker that never expires (-1) and the one in the wrong
 * unit. A marker kept for an hour is more than a minute too: a product created just after
 * someone looked for it stays invisible for the hour, and this check is content.
 */
import { expect } from 'vitest';
import { check, MISSING_TTL_SECONDS } from '../../../labs/14-testing-a-cache/src/contract.js';
import { cachedKeys, checks as reference, lookUpMissingTwice, missingRemembered } from '../src/checks.js';

const atLeastAlmostAMinute = check('a missing product is remembered for about a minute or more', async (tools) => {
  await lookUpMissingTwice(tools);
  const keys = await cachedKeys(tools);
  expect(keys).toHaveLength(1);
  expect(keys[0]!.pttlMs).toBeGreaterThan((MISSING_TTL_SECONDS - 10) * 1000);
});

export const checks = reference.map((c) => (c === missingRemembered ? atLeastAlmostAMinute : c));
