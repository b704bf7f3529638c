// Lab 02 checks, part 6b: without redisTimeoutMs, the default bounds of 250 ms, from both
// sides. Its own file, so that its waits run beside part 6's second-long ones.
// Run: npm test labs/02-ttl-and-keys
import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin, outcome } from '../../harness/lab/teach.js';
import { readEvictionPolicy } from './src/eviction.js';
import { REDIS_TIMEOUT_MS, SHAPE_VERSION } from './src/contract.js';
import { BOUND_MS, LESSON, stalledRedis } from './stalled.support.js';

const lab = useLab('02');
const { cacheOn, stalling, lateRedis, truthFor } = stalledRedis(lab);

describe('the default bounds', () => {
  it('02.18 the default bounds are 250 ms: a stalled Redis is still waited for at 230 ms and a reply 265 ms late is not, by cached reads, session calls and readEvictionPolicy', async () => {
    const idea = `Without redisTimeoutMs (or readEvictionPolicy's timeoutMs), each Redis call waits REDIS_TIMEOUT_MS, ${REDIS_TIMEOUT_MS} ms: not less, which sends reads to Postgres that a merely slow Redis would have answered, and not more (a second, twice the constant), which holds every request while Redis stalls (${LESSON}, "Eviction policies"; lesson 01, "When Redis is down").`;
    const copy = { id: 13, sku: 'FROM-REDIS', name: 'cached copy', category: 'redis', priceCents: 1 };
    await lab.redis.admin.set(lab.redis.key(`product:13:v${SHAPE_VERSION.product}`), JSON.stringify(copy), 'PX', 60_000);
    await lab.redis.admin.set(lab.redis.key(`session:s-default:v${SHAPE_VERSION.session}`), JSON.stringify({ userId: 13 }), 'PX', 60_000);
    const truth = await truthFor(13);
    const stalled = await stalling();
    const late = await lateRedis(265);
    // Both sides are judged by which timer fires first. Ours for 230 ms is set before the calls,
    // so it is due before any 250 ms bound they set; each late reply is timed from the end of the
    // turn that sent it, after the code's own bound is set, and is due 15 ms after it.
    const settled: string[] = [];
    const at230 = new Promise<string[]>((resolve) => setTimeout(() => resolve([...settled]), 230));
    /** Each call with the default bounds, what it must give (an error, for a session call), and how it did. */
    const calls = (where: string, redis: Redis, sessionId: string) => {
      const cache = cacheOn(redis, {});
      const list: [string, Promise<unknown>, unknown][] = [
        ['getProduct(13)', cache.getProduct(13), { value: truth.product }],
        ["getSession('s-default')", cache.getSession('s-default'), 'an error'],
        [`startSession('${sessionId}')`, cache.startSession(sessionId, { userId: 13 }), 'an error'],
        ['readEvictionPolicy(redis)', readEvictionPolicy(redis), { value: null }],
      ];
      return list.map(([call, work, expected]) => ({
        what: `${call} on a Redis that is ${where}`,
        expected,
        result: outcome(work).finally(() => settled.push(`${call} on a Redis that is ${where}`)),
      }));
    };
    const stalledCalls = calls('stalled', stalled, 's-stalled');
    const lateCalls = calls('265 ms late', late.redis, 's-late-default');
    const early = await at230;
    expect(early.filter((what) => what.endsWith('stalled')), `With no redisTimeoutMs or timeoutMs given, these calls had already given up on a stalled Redis within 230 ms. ${idea}`).toEqual([]);
    for (const { what, expected, result } of [...stalledCalls, ...lateCalls]) {
      const got = await expectSettlesWithin(result, BOUND_MS, `With the default bounds, ${what}`, idea);
      const judged = expected === 'an error' && 'error' in got ? 'an error' : got;
      expect(judged, `With the default bounds, ${what} gave ${JSON.stringify(got)}; expected ${JSON.stringify(expected)} (product 13 is cached in Redis as ${JSON.stringify(copy)}; Postgres holds ${JSON.stringify(truth.product)}). ${idea}`).toEqual(expected);
    }
    await late.answered();
  });
});
