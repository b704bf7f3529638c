/**
 * Mistake: a check reads the name of the test running it, and fails where it says "catch"
 * Replaces: checks.ts
 * Caught by: 14.4 14.12 14.17 14.23
 *
 * The grading checks of the broken caches are titled "your checks catch ...", so a check
 * that throws under such a title "catches" every one of them without looking at a cache.
 * The grader runs each check under the check's own name, and counts a catch only when the
 * same check passes on the working cache too: a suite must tell caches apart.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { readsComeBackWhole } from '../src/checks.js';

const sniffs = check('the cache answers', async (tools) => {
  expect(await tools.makeCache().getProduct(1)).not.toBeNull();
  expect(expect.getState().currentTestName ?? '').not.toMatch(/catch/);
});

export const checks = [readsComeBackWhole, sniffs];
