/**
 * Mistake: the product's TTL is checked to exist, not to be an hour
 * Replaces: checks.ts
 * Caught by: 14.5
 *
 * `PTTL > 0` rules out the key that never expires, which is the bug everyone remembers.
 * A TTL in the wrong unit (PX 3600: 3.6 seconds) is also greater than zero, and turns the
 * cache into one that misses almost every time.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { cachedKeys, checks as reference, productTtl } from '../src/checks.js';

const ttlExists = check('a read leaves one key under the prefix, and it expires', async (tools) => {
  await tools.makeCache().getProduct(4);
  const keys = await cachedKeys(tools);
  expect(keys).toHaveLength(1);
  expect(keys[0]!.pttlMs).toBeGreaterThan(0);
});

export const checks = reference.map((c) => (c === productTtl ? ttlExists : c));
