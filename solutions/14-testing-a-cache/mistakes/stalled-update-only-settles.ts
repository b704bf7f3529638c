/**
 * Mistake: on a stalled Redis, updatePrice is only required to settle
 * Replaces: checks.ts
 * Caught by: 14.23
 *
 * The check is about hangs, so it bounds the call with within() and swallows how it
 * ends. A cache that bounds its DEL and then rejects passes: no hang, and a caller told
 * "failed" about a price that was committed.
 */
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, HANG_MS, stalledUpdate } from '../src/checks.js';

const settles = check('with Redis stalled, updatePrice does not hang', async (tools) => {
  const cache = tools.makeCache({ redis: await tools.stalledRedis(), redisTimeoutMs: 50 });
  await tools.within(cache.updatePrice(12, 4_567).catch(() => null), HANG_MS);
});

export const checks = reference.map((c) => (c === stalledUpdate ? settles : c));
