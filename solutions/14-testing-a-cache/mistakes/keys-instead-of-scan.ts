/**
 * Mistake: a check lists the cache's keys with KEYS
 * Replaces: checks.ts
 * Caught by: 14.3
 *
 * `KEYS prefix*` names only this check's keys, so it looks harmless. But KEYS walks every
 * key on the server in one command and blocks everyone meanwhile; on a shared Redis with
 * millions of keys, a test suite has just caused an outage. SCAN with MATCH does the same
 * walk in small steps.
 */
import { expect } from 'vitest';
import { check, PRODUCT_TTL_SECONDS } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, productTtl } from '../src/checks.js';

const listedWithKeys = check('a read leaves one key under the prefix, with the product TTL of an hour', async (tools) => {
  await tools.makeCache().getProduct(4);
  const keys = await tools.redis.keys(`${tools.prefix}*`);
  expect(keys).toHaveLength(1);
  const pttl = await tools.redis.pttl(keys[0]!);
  expect(pttl).toBeGreaterThan((PRODUCT_TTL_SECONDS - 60) * 1000);
  expect(pttl).toBeLessThanOrEqual(PRODUCT_TTL_SECONDS * 1000);
});

export const checks = reference.map((c) => (c === productTtl ? listedWithKeys : c));
