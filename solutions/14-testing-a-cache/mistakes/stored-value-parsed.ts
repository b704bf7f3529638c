/**
 * Mistake: a check parses what Redis stores as the product's JSON
 * Replaces: checks.ts
 * Caught by: 14.1
 *
 * Reading the stored text back proves the key holds product 4, in the encoding this
 * cache happens to use. Another encoding (an array, a hash, a binary format) is just as
 * right, and its users see nothing different; what reads return is the thing to judge.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { cachedKeys, checks as reference } from '../src/checks.js';

const holdsTheJson = check('the key a read leaves holds that product', async (tools) => {
  await tools.makeCache().getProduct(4);
  const [entry] = await cachedKeys(tools);
  expect((JSON.parse((await tools.redis.get(entry!.key))!) as { id: number }).id).toBe(4);
});

export const checks = [...reference, holdsTheJson];
