/**
 * Mistake: a failing SELECT is checked only to make the read reject
 * Replaces: checks.ts
 * Caught by: 14.22
 *
 * "The error reaches the caller" is half of the promise. A cache can reject and still
 * write "not found" on its way out; the product then reads as missing for a minute after
 * Postgres recovers. Only a read after the recovery shows it.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, errorNotCached } from '../src/checks.js';

const rejects = check('a failing query makes the read reject', async (tools) => {
  const restore = tools.db.failQueries(/SELECT/);
  await expect(tools.makeCache().getProduct(6)).rejects.toThrow();
  restore();
});

export const checks = reference.map((c) => (c === errorNotCached ? rejects : c));
