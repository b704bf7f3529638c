// Lab 04 checks, part 3: a loader that is stuck or fails. (One that runs long: long-runs.test.ts;
// a page that expires: page-expiry.test.ts.) Run: npm test labs/04-stampede
// Processes A and B are two module instances of page-cache.ts, each with its own Redis
// connection. Freshness runs on an injected clock where a check needs it; lock TTLs and
// the page's hard TTL in Redis stay real.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectPageOf, LESSON, pageCacheChecks, pageQueries } from './page-cache.support.js';
import { encodeEntry, lockKeyFor } from './src/contract.js';
import type { CategoryPage } from './src/contract.js';

const lab = useLab('04');
const { cacheWith, expectLocksQuiet, keyOf, track } = pageCacheChecks(lab);

describe('when the loader is stuck or fails', () => {
  it('04.8 a waiter gives up on a lock nobody releases and answers from Postgres', async () => {
    const [lockKey, stuck] = [lockKeyFor(keyOf('jugs')), 'held-by-a-process-that-hung'];
    await lab.redis.admin.set(lockKey, stuck, 'PX', 10_000);
    const idea = `Waiting for another loader is bounded by lockWaitMs (here 100 ms). Then the waiter answers from Postgres (or a stale copy) and leaves the other process's lock alone: only its owner or its TTL ends it (${LESSON}, "Waiting, with a bound").`;
    const reader = track(cacheWith({ lockWaitMs: 100 }).getPage('jugs'));
    const early = await Promise.race([reader.then(() => 'answered' as const), sleep(800).then(() => 'still waiting' as const)]);
    const holder = await lab.redis.admin.get(lockKey);
    if (early === 'still waiting') {
      // The stuck holder finally finishes, so that a waiter ignoring lockWaitMs ends too.
      const late: CategoryPage = { category: 'jugs', products: [] };
      await lab.redis.admin.set(keyOf('jugs'), encodeEntry({ value: late, freshUntil: Date.now() + 60_000, loadMs: 1 }), 'PX', 90_000);
      await lab.redis.admin.del(lockKey);
      await expectSettlesWithin(reader, 3_000, 'getPage("jugs") once the holder finished', idea);
    }
    expect(early, `getPage("jugs") with lockWaitMs 100 was still waiting after 800 ms, behind a lock held for 10 s. ${idea}`).toBe('answered');
    expectPageOf(await reader, 'jugs', 'getPage("jugs")');
    expectQueries(lab.db, pageQueries, 1, idea);
    expect(holder, `After the waiter gave up, ${lockKey} holds ${JSON.stringify(holder)}; expected the stuck holder's token, untouched. ${idea}`).toBe(stuck);
  });

  it('04.9 a loader that throws releases the lock, stops extending it, caches nothing, and the next read recovers', async () => {
    const lockTtlMs = 300; // short, so that a keep-alive left running shows within one lock TTL
    const cache = cacheWith({ lockTtlMs });
    const key = keyOf('tools');
    const idea = `An error is not a value: the caller gets it, nothing is cached, and the lock is released, and its keep-alive timer stopped, in a finally block, or every later miss waits for a lock nobody will release (${LESSON}, "When the load fails").`;
    const restore = lab.db.failQueries(/FROM products/i);
    const outcome = await cache.getPage('tools').then((page) => `resolved with ${JSON.stringify(page).slice(0, 80)}`, () => 'rejected');
    restore();
    expect(outcome, `While Postgres failed, getPage("tools") ${outcome}; expected it to reject. ${idea}`).toBe('rejected');
    const left = (await lab.redis.keys()).filter((state) => state.key === key || state.key === lockKeyFor(key));
    expect(left.map((state) => state.key), `After the failed load Redis still holds ${left.map((s) => s.key).join(', ')}; expected neither the page nor its lock. ${idea}`).toEqual([]);
    await expectLocksQuiet([lockKeyFor(key)], lockTtlMs, `The failed getPage had settled, yet the code kept sending commands for its lock for the next ${lockTtlMs} ms (lockTtlMs): a keep-alive timer stopped only when the load succeeds runs for ever after one that throws. ${idea}`);
    const recovered = cache.getPage('tools').catch((error: unknown) => {
      throw new Error(`Postgres has recovered, yet getPage("tools") still rejected with "${String(error)}": is an old failure remembered somewhere? ${idea}`);
    });
    const page = await expectSettlesWithin(recovered, 3_000, 'getPage("tools") once Postgres recovered', idea);
    expectPageOf(page, 'tools', 'getPage("tools") after recovery');
  });
});
