/**
 * Mistake: a check looks outside the prefix from inside a Lua script
 * Replaces: checks.ts
 * Caught by: 14.3
 *
 * EVAL with no declared keys names nothing a client-side guard can see, and proves that a
 * read left nothing where the cache should not write. But the script reads keys of a shared
 * server by a name the check made up: what is the grader's to watch is what the check
 * names, and a script hides that.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference } from '../src/checks.js';

const nothingOutside = check('a read writes nothing outside the prefix', async (tools) => {
  await tools.makeCache().getProduct(4);
  expect(await tools.redis.eval("return redis.call('EXISTS', 'product:4')", 0)).toBe(0);
});

export const checks = [...reference, nothingOutside];
