// Lab 04 checks, part 2: a hot page. Run: npm test labs/04-stampede
// Two Redis clients stand for two processes of the app; Postgres counts every query.
// Freshness runs on an injected clock (`now`) and XFetch on an injected draw (`random`), so
// no check sleeps through a TTL; the hard TTL in Redis stays real.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { interleave } from '../../harness/lab/interleave.js';
import { recordCommandLines } from '../../harness/lab/lab-redis.js';
import { expectEveryKeyHasTtl, expectQueries, expectSettlesWithin, expectTtlsWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { decodeEntry, encodeEntry, lockKeyFor, pageKey, PAGE_FRESH_MS, PAGE_STALE_MS } from './src/contract.js';
import type { CategoryPage, PageCacheOptions } from './src/contract.js';
import { createPageCache } from './src/page-cache.js';

const lab = useLab('04');
const LESSON = 'Lesson 04, Stampedes';
const pageQueries = { table: 'products', kind: 'select' } as const;
const T0 = Date.UTC(2026, 0, 1);
const SETTLE_MS = 100; // time for work that should NOT happen to show up anyway

const cacheWith = (overrides: Partial<PageCacheOptions> = {}) =>
  createPageCache({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, onBackgroundError: () => {}, ...overrides });

/** Two processes, each with its own connection, both connected before the burst starts. */
async function twoProcesses() {
  const clients = [lab.redis.client(), lab.redis.client()];
  await Promise.all(clients.map((client) => client.ping()));
  return clients.map((redis) => cacheWith({ redis }));
}

const expectPageOf = (page: CategoryPage | undefined, category: string, what: string) =>
  expect(page?.category === category && page.products.length === 4, `${what} returned ${JSON.stringify(page)?.slice(0, 120)}; expected the "${category}" page with its 4 products`).toBe(true);

/** A page cache on an injected clock; `clock.now` moves only when a check moves it. */
function cacheOnClock() {
  const clock = { now: T0, draw: 1 };
  return { clock, cache: cacheWith({ now: () => clock.now, random: () => clock.draw }) };
}

async function storedEntry(category: string) {
  const text = await lab.redis.admin.get(pageKey(lab.redis.prefix, category));
  return text === null ? null : decodeEntry<CategoryPage>(text);
}

const selects = () => lab.db.queries.count(pageQueries);

/** Waits (bounded) until `condition` holds, failing with `message` if it never does. */
const eventually = (condition: () => Promise<boolean> | boolean, message: string | (() => string)) =>
  vi.waitFor(async () => expect(await condition(), typeof message === 'string' ? message : message()).toBe(true), { timeout: 1_500, interval: 10 });

describe('one load for a hot key', () => {
  it('04.5 100 concurrent misses from two processes load the page from Postgres once', async () => {
    const [a, b] = await twoProcesses();
    lab.db.latencyMs = 30; // a slow query: every request misses while the first load is still running
    const idea = `When a hot key is missing, one process loads it and the others wait for its result: a lock in Redis, which every process sees, not a Map, which only one process sees (${LESSON}, "One loader across processes").`;
    const burst = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? a! : b!).getPage('cups'));
    const pages = await expectSettlesWithin(Promise.all(burst), 8_000, '100 concurrent getPage("cups") calls', idea);
    expectPageOf(pages[0], 'cups', 'getPage("cups")');
    expectQueries(lab.db, pageQueries, 1, `100 requests from two processes missed together. ${idea}`);
  });

  it('04.6 concurrent misses in one process share one flight: one load, one try at the lock', async () => {
    const redis = lab.redis.client();
    const sent = recordCommandLines(redis);
    const lockKey = lockKeyFor(pageKey(lab.redis.prefix, 'kettles'));
    lab.db.latencyMs = 30;
    const idea = `Inside one process, concurrent misses for a key should share one promise (single-flight): one trip to the lock and one query, instead of 50 requests polling Redis for a lock their own process already holds (${LESSON}, "Single-flight inside a process").`;
    const cache = cacheWith({ redis });
    const pages = await Promise.all(Array.from({ length: 50 }, () => cache.getPage('kettles')));
    expectPageOf(pages[49], 'kettles', 'getPage("kettles")');
    expectQueries(lab.db, pageQueries, 1, idea);
    const onLock = sent.filter((command) => command.includes(lockKey));
    const shown = [...new Set(onLock.map(([name]) => name))].join(', ') || 'none';
    expect(
      onLock.length,
      `50 concurrent misses in one process sent ${onLock.length} commands naming ${lockKey} (${shown}); one shared flight needs a handful (take it, release it).\n${idea}`,
    ).toBeLessThanOrEqual(5);
  });

  it('04.7 after winning the lock, the cache is read again before loading', async () => {
    const redis = lab.redis.client();
    const key = pageKey(lab.redis.prefix, 'grinders');
    const filled: CategoryPage = { category: 'grinders', products: [{ id: 0, name: 'written by another process', priceCents: 1 }] };
    await redis.ping(); // connected first, so the first reply below is this process's GET
    let written = false;
    // In the gap after this process's first reply (its GET: a miss), another process
    // finishes its load and writes the page: after the miss, before the lock.
    const gaps = interleave(redis, async () => {
      if (written) return;
      written = true;
      await lab.redis.admin.set(key, encodeEntry({ value: filled, freshUntil: Date.now() + 60_000, loadMs: 5 }), 'PX', 90_000);
    });
    const page = await cacheWith({ redis }).getPage('grinders').finally(() => gaps.stop());
    expect(written, `Your code sent one command to Redis, so there was no gap between its miss and its lock for the check to use.`).toBe(true);
    const idea = `Another process filled the cache between this miss and this lock. The lock's winner must read the cache again before loading, or every waiter that wins the lock in turn repeats the query (${LESSON}, "Read again after the lock").`;
    expectQueries(lab.db, pageQueries, 0, idea);
    expect(page, `getPage should return what the other process wrote. ${idea}`).toEqual(filled);
  });
});

describe('when the loader is stuck or fails', () => {
  it('04.8 a waiter gives up on a lock nobody releases and answers from Postgres', async () => {
    const [lockKey, stuck] = [lockKeyFor(pageKey(lab.redis.prefix, 'jugs')), 'held-by-a-process-that-hung'];
    await lab.redis.admin.set(lockKey, stuck, 'PX', 10_000);
    const idea = `Waiting for another loader is bounded (lockWaitMs). Then the waiter answers from Postgres (or a stale copy) and leaves the other process's lock alone: only its owner or its TTL ends it (${LESSON}, "Waiting, with a bound").`;
    const page = await expectSettlesWithin(cacheWith({ lockWaitMs: 200 }).getPage('jugs'), 3_000, 'getPage("jugs") with its lock held for 10 s and lockWaitMs 200', idea);
    expectPageOf(page, 'jugs', 'getPage("jugs")');
    expectQueries(lab.db, pageQueries, 1, idea);
    const holder = await lab.redis.admin.get(lockKey);
    expect(holder, `After the waiter gave up, ${lockKey} holds ${JSON.stringify(holder)}; expected the stuck holder's token, untouched. ${idea}`).toBe(stuck);
  });

  it('04.9 a loader that throws releases the lock, caches nothing, and the next read recovers', async () => {
    const cache = cacheWith();
    const key = pageKey(lab.redis.prefix, 'tools');
    const idea = `An error is not a value: the caller gets it, nothing is cached, and the lock is released in a finally block, or every later miss waits for a lock nobody will release (${LESSON}, "When the load fails").`;
    const restore = lab.db.failQueries(/FROM products/i);
    const outcome = await cache.getPage('tools').then((page) => `resolved with ${JSON.stringify(page).slice(0, 80)}`, () => 'rejected');
    restore();
    expect(outcome, `While Postgres failed, getPage("tools") ${outcome}; expected it to reject. ${idea}`).toBe('rejected');
    const left = (await lab.redis.keys()).filter((state) => state.key.startsWith(key));
    expect(left.map((state) => state.key), `After the failed load Redis still holds ${left.map((s) => s.key).join(', ')}; expected neither the page nor its lock. ${idea}`).toEqual([]);
    const recovered = cache.getPage('tools').catch((error: unknown) => {
      throw new Error(`Postgres has recovered, yet getPage("tools") still rejected with "${String(error)}": is an old failure remembered somewhere? ${idea}`);
    });
    const page = await expectSettlesWithin(recovered, 3_000, 'getPage("tools") once Postgres recovered', idea);
    expectPageOf(page, 'tools', 'getPage("tools") after recovery');
  });
});

describe('serving stale while one refresh runs', () => {
  it('04.10 a page stays in Redis for its fresh time plus the stale window', async () => {
    await cacheWith().getPage('cups');
    const total = PAGE_FRESH_MS + PAGE_STALE_MS;
    const idea = `Freshness is soft (freshUntil, in the entry); expiry in Redis is hard and comes later: fresh time (${PAGE_FRESH_MS} ms) plus the stale window (${PAGE_STALE_MS} ms). When both are the same moment there is never a stale copy to serve, and every reader misses at once (${LESSON}, "Stale-while-revalidate").`;
    const keys = await expectEveryKeyHasTtl(lab.redis, idea);
    await expectTtlsWithin(lab.redis, keys, { minMs: total - 5_000, maxMs: total }, idea);
  });

  it('04.11 past the soft expiry the stale page comes back at once, and one background refresh runs', async () => {
    const processes = [cacheOnClock(), cacheOnClock()];
    const [a, b] = processes.map((p) => p.cache);
    const stale = await a!.getPage('kettles');
    await lab.db.sql(`UPDATE products SET price_cents = price_cents + 100 WHERE category = 'kettles'`);
    for (const p of processes) p.clock.now = T0 + PAGE_FRESH_MS + 1; // past freshUntil, long before the hard TTL
    const idea = `Past freshUntil, a reader gets the stale page at once and one refresh starts behind it: one per process (in memory), one across processes (the lock), never awaited by the reader (${LESSON}, "Stale-while-revalidate").`;

    const held = lab.db.holdQueries(/FROM products/i); // Postgres answers nothing until released
    const reads = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a! : b!).getPage('kettles'));
    try {
      const pages = await expectSettlesWithin(Promise.all(reads), 1_500, '20 reads of a stale page while Postgres is slow', idea);
      expect(pages.every((page) => JSON.stringify(page) === JSON.stringify(stale)), `The reads should all return the stale page. ${idea}`).toBe(true);
      await expectSettlesWithin(held.reached, 1_500, 'A refresh reaching Postgres after reads of a stale page', idea);
      await sleep(SETTLE_MS); // room for a second refresh to show up, if there is one
      expectQueries(lab.db, pageQueries, 2, `One SELECT for the first load, one for the single refresh. ${idea}`);
    } finally {
      held.release();
      await Promise.allSettled(reads);
    }
    const fresh = (entry: Awaited<ReturnType<typeof storedEntry>>) => (entry?.value.products[0]?.priceCents ?? 0) > (stale.products[0]?.priceCents ?? 0);
    await eventually(async () => fresh(await storedEntry('kettles')), `Once Postgres answered, the refresh should write the new prices to Redis. ${idea}`);
  });

  it('04.12 a failing refresh raises nothing unhandled and keeps the stale page', async () => {
    const { clock, cache } = cacheOnClock();
    const stale = await cache.getPage('jugs');
    clock.now = T0 + PAGE_FRESH_MS + 1;
    const idea = `A background refresh has no caller to throw to: catch its error and report it. The stale page stays until its hard TTL, the refresh lock is released, and the next stale read tries again (${LESSON}, "When a refresh fails").`;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const restore = lab.db.failQueries(/FROM products/i);
    try {
      const outcome = await cache.getPage('jugs').then(
        (page) => (JSON.stringify(page) === JSON.stringify(stale) ? 'stale page' : `another page: ${JSON.stringify(page).slice(0, 80)}`),
        (error: unknown) => `rejected (${String(error)})`,
      );
      expect(outcome, `While Postgres failed, a read of the stale page ${outcome}; expected the stale page. ${idea}`).toBe('stale page');
      await eventually(() => selects() >= 2, `No refresh reached Postgres after a read past freshUntil. ${idea}`);
      await sleep(SETTLE_MS); // an unhandled rejection is reported on a later tick
      expect(unhandled.map(String), `The failed refresh surfaced as an unhandled rejection. ${idea}`).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      restore();
    }
    const key = pageKey(lab.redis.prefix, 'jugs');
    const keys = (await lab.redis.keys()).map((state) => state.key).filter((name) => name.startsWith(key));
    expect(keys, `After the failed refresh Redis holds [${keys.join(', ')}]; expected only the page (no lock left). ${idea}`).toEqual([key]);
    expect((await storedEntry('jugs'))?.value, `The stale page should still be in Redis. ${idea}`).toEqual(stale);

    await cache.getPage('jugs');
    await eventually(async () => ((await storedEntry('jugs'))?.freshUntil ?? 0) > clock.now, `Postgres is back, yet the next stale read did not refresh the page. ${idea}`);
  });
});

describe('refreshing early, at random', () => {
  it('04.13 XFetch: a draw of 1 never refreshes early; a small draw near the expiry does', async () => {
    const { clock, cache } = cacheOnClock();
    const held = lab.db.holdQueries(/FROM products/i);
    const first = cache.getPage('grinders');
    try {
      await expectSettlesWithin(held.reached, 1_500, 'the first load of "grinders"', 'A miss loads from Postgres.');
      clock.now += 200; // the load takes 200 ms on the injected clock: XFetch's delta
    } finally {
      held.release();
    }
    await first;
    const entry = await storedEntry('grinders');
    expect(entry, 'After the first read Redis should hold the page').not.toBeNull();
    clock.now = entry!.freshUntil - 1_000; // one second before the soft expiry

    const rule = `XFetch refreshes when now - loadMs * beta * ln(random()) >= freshUntil. Here loadMs = ${entry!.loadMs} (expected 200), beta = 1, freshUntil - now = 1000 ms`;
    const idea = `Refreshing a little early, at random, with a head start proportional to the load time, means one reader refreshes before the expiry and nobody sees it stale (${LESSON}, "Refreshing early").`;
    for (const draw of [1, 0.5]) {
      clock.draw = draw;
      await Promise.all([cache.getPage('grinders'), cache.getPage('grinders')]);
      await sleep(SETTLE_MS);
      const headStart = Math.round(-200 * Math.log(draw));
      expectQueries(lab.db, pageQueries, 1, `${rule}; random() = ${draw} gives a head start of ${headStart} ms, under 1000: no refresh yet. ${idea}`);
    }
    clock.draw = 0.001; // head start 200 * 6.9 = 1382 ms, more than the 1000 ms left
    await cache.getPage('grinders');
    await eventually(() => selects() === 2, () => `${rule}; random() = 0.001 gives a head start of 1382 ms, past freshUntil: one early refresh expected, Postgres saw ${selects() - 1}. ${idea}`);
    await eventually(async () => ((await storedEntry('grinders'))?.freshUntil ?? 0) > entry!.freshUntil, `The early refresh should write a new entry. ${idea}`);
  });
});
