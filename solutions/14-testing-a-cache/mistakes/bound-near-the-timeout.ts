/**
 * Mistake: the stalled read is bounded just above redisTimeoutMs
 * Replaces: checks.ts
 * Caught by: 14.2
 *
 * "It gives up after 50 ms, so it must answer within 120" sounds exact, and passes
 * locally. But the answer comes from Postgres after the timeout, and a slower database
 * or a busy machine pushes it past the bound: a timing threshold, not a hang detector.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, rowOf, stalledRead } from '../src/checks.js';

const tightlyBounded = check('with Redis stalled, a read answers within 120 ms', async (tools) => {
  const cache = tools.makeCache({ redis: await tools.stalledRedis(), redisTimeoutMs: 50 });
  expect(await tools.within(cache.getProduct(11), 120)).toEqual(await rowOf(tools, 11));
});

export const checks = reference.map((c) => (c === stalledRead ? tightlyBounded : c));
