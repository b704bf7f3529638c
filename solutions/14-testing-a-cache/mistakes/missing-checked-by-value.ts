/**
 * Mistake: a missing product is checked to read as null, and nothing more
 * Replaces: checks.ts
 * Caught by: 14.9
 *
 * null is the right answer, and a cache that never remembers it gives that answer too,
 * by asking Postgres every time. What negative caching saves is the query, so the check
 * has to count queries.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, missingRemembered } from '../src/checks.js';

const readsAsNull = check('a missing product reads as null', async (tools) => {
  const cache = tools.makeCache();
  expect(await cache.getProduct(9_999)).toBeNull();
  expect(await cache.getProduct(9_999)).toBeNull();
});

export const checks = reference.map((c) => (c === missingRemembered ? readsAsNull : c));
