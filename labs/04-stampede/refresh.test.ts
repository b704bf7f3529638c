// Lab 04 checks, part 4: serving stale while one refresh runs. Run: npm test labs/04-stampede
// Freshness runs on an injected clock (`now`), so no check sleeps through a TTL; the hard
// TTL in Redis stays real. Processes A and B are two module instances of page-cache.ts.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { interleave } from '../../harness/lab/interleave.js';
import { recordCommandLines } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectEveryKeyHasTtl, expectQueries, expectSettlesWithin, expectTtlsWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { cheapest, eventually, LESSON, pageCacheChecks, pageQueries, SETTLE_MS, T0, type Options } from './page-cache.support.js';
import { encodeEntry, lockKeyFor, PAGE_FRESH_MS, PAGE_STALE_MS } from './src/contract.js';
import type { CategoryPage } from './src/contract.js';
import { createPageCache } from './src/page-cache.js';

const lab = useLab('04');
const { cacheWith, keyOf, selects, storedEntry, track } = pageCacheChecks(lab);

/** A page cache on an injected clock that moves only when a check moves it; draws of 1 (no early refresh). */
function cacheOnClock(overrides: Options = {}) {
  const clock = { now: T0 };
  return { clock, cache: cacheWith({ now: () => clock.now, random: () => 1, ...overrides }) };
}

/** Writes a page the way another process would have, just past its freshUntil on the check's clock. */
async function seedStale(category: string, now: number) {
  const value: CategoryPage = { category, products: [{ id: 0, name: 'stale copy', priceCents: 1 }] };
  await lab.redis.admin.set(keyOf(category), encodeEntry({ value, freshUntil: now - 1, loadMs: 5 }), 'PX', 90_000);
  return value;
}

describe('serving stale while one refresh runs', () => {
  it('04.10 a page stays in Redis for its fresh time plus the stale window', async () => {
    const before = Date.now();
    await cacheWith().getPage('cups');
    const after = Date.now();
    const total = PAGE_FRESH_MS + PAGE_STALE_MS;
    const idea = `Freshness is soft (freshUntil, in the entry); expiry in Redis is hard and comes later: fresh time (${PAGE_FRESH_MS} ms) plus the stale window (${PAGE_STALE_MS} ms). When both are the same moment there is never a stale copy to serve, and every reader misses at once (${LESSON}, "Stale-while-revalidate").`;
    const keys = await expectEveryKeyHasTtl(lab.redis, idea);
    await expectTtlsWithin(lab.redis, keys, { minMs: total - 5_000, maxMs: total }, idea);
    const entry = await storedEntry('cups');
    expect(
      entry !== null && entry.freshUntil >= before + PAGE_FRESH_MS && entry.freshUntil <= after + PAGE_FRESH_MS,
      `The entry's freshUntil is ${entry?.freshUntil}; with the default clock (Date.now) and freshMs (${PAGE_FRESH_MS}) expected between ${before + PAGE_FRESH_MS} and ${after + PAGE_FRESH_MS}. ${idea}`,
    ).toBe(true);
    expect(entry!.loadMs >= 0 && entry!.loadMs <= after - before, `The entry's loadMs is ${entry!.loadMs}; the whole read took ${after - before} ms on the same clock.`).toBe(true);
  });

  it('04.18 every path that writes the page gives it freshMs + staleMs: a miss, a waiter giving up, a refresh', async () => {
    const [freshMs, staleMs] = [20_000, 10_000];
    const { clock, cache } = cacheOnClock({ freshMs, staleMs, lockWaitMs: 100 });
    const idea = `Whichever path writes a page (the loader after a miss, a waiter that gave up on the lock, a background refresh), it writes the entry with freshUntil = now + freshMs and a hard TTL of freshMs + staleMs (here ${freshMs} + ${staleMs} ms), in the same SET (${LESSON}, "Stale-while-revalidate").`;
    const expectWritten = async (category: string, path: string, required: boolean) => {
      const [entry, pttlMs] = await Promise.all([storedEntry(category), lab.redis.admin.pttl(keyOf(category))]);
      if (entry === null) {
        expect(required, `After ${path}, Redis holds no "${category}" page. ${idea}`).toBe(false);
        return;
      }
      expect(pttlMs > freshMs + staleMs - 5_000 && pttlMs <= freshMs + staleMs, `After ${path}, ${keyOf(category)} has a PTTL of ${pttlMs} ms; expected ${freshMs + staleMs} ms. ${idea}`).toBe(true);
      expect(entry.freshUntil, `After ${path}, the entry's freshUntil is ${entry.freshUntil}; expected now + freshMs = ${clock.now + freshMs} on the injected clock. ${idea}`).toBe(clock.now + freshMs);
      expect(entry.value.category, `After ${path}, the entry holds ${JSON.stringify(entry.value).slice(0, 80)}; expected the "${category}" page.`).toBe(category);
    };
    await cache.getPage('cups');
    await expectWritten('cups', 'a miss', true);
    await lab.redis.admin.set(lockKeyFor(keyOf('kettles')), 'held-by-a-process-that-hung', 'PX', 10_000);
    await expectSettlesWithin(cache.getPage('kettles'), 3_000, 'getPage("kettles") behind a stuck lock, with lockWaitMs 100', idea);
    await expectWritten('kettles', 'a waiter that gave up on a stuck lock', false);
    const stale = await seedStale('jugs', clock.now);
    expect(await cache.getPage('jugs'), `A read past freshUntil should return the stale page. ${idea}`).toEqual(stale);
    await eventually(async () => (await storedEntry('jugs'))?.value.products.length === 4, `A read of a stale page should start a refresh that writes the page. ${idea}`);
    await expectWritten('jugs', 'a background refresh', true);
  });

  it('04.11 past the soft expiry the stale page comes back at once, and one background refresh runs', async () => {
    const [freshMs, staleMs] = [20_000, 10_000];
    const modules = await separateProcesses(2, () => import('./src/page-cache.js'));
    const clients = [lab.redis.client(), lab.redis.client()];
    const sent = clients.map((client) => recordCommandLines(client));
    const clocks = [{ now: T0 }, { now: T0 }];
    const caches = modules.map((module, i) => cacheWith({ redis: clients[i]!, now: () => clocks[i]!.now, random: () => 1, freshMs, staleMs }, module));
    const categories = ['kettles', 'jugs'];
    const idea = `Past freshUntil, a reader gets the stale page at once and one refresh of that page starts behind it: one per process (a Set of keys being refreshed), one across processes (the key's lock, taken without waiting), never awaited by the reader, cleared when it ends however it ends, and again at the next expiry (${LESSON}, "Stale-while-revalidate").`;
    let served = await Promise.all(categories.map((category) => caches[0]!.getPage(category)));
    // Cycle 1: process A notices first and refreshes, B reads while A is at it; cycle 2 the other way round.
    for (const [cycle, leader] of [[1, 0], [2, 1]] as const) {
      const side = (p: number) => ({ name: p === 0 ? 'A' : 'B', cache: caches[p]!, sentFrom: sent[p]!.length, sent: sent[p]! });
      const [first, second] = [side(leader), side(1 - leader)];
      const entries = await Promise.all(categories.map(storedEntry));
      const staleAt = Math.max(...entries.map((entry) => entry?.freshUntil ?? T0)) + 1;
      for (const clock of clocks) clock.now = staleAt; // past freshUntil, long before the hard TTL
      await lab.db.sql(`UPDATE products SET price_cents = price_cents + 100 WHERE category IN ('kettles', 'jugs')`);
      const expected = categories.length * (cycle + 1); // the first loads, then one refresh per page and cycle
      const readTwenty = (reader: typeof first) => {
        const reads = Array.from({ length: 20 }, (_, i) => ({ category: i % 2, page: track(reader.cache.getPage(categories[i % 2]!)) }));
        return expectSettlesWithin(Promise.all(reads.map((read) => read.page)), 1_500, `cycle ${cycle}: process ${reader.name} reading two stale pages 20 times while Postgres is slow`, idea).then((pages) =>
          pages.forEach((page, i) => expect(page, `Cycle ${cycle}: every read of process ${reader.name} should return the stale page it found. ${idea}`).toEqual(served[reads[i]!.category])),
        );
      };
      const held = lab.db.holdQueries(/FROM products/i); // Postgres answers nothing until released
      try {
        await readTwenty(first);
        await eventually(() => selects() >= expected, () => `Cycle ${cycle}: process ${first.name} read two stale pages, and ${selects() - expected + 2} refresh(es) reached Postgres; expected one per page. ${idea}`);
        await readTwenty(second);
        await sleep(SETTLE_MS); // room for a second refresh of a page to show up, if there is one
        expectQueries(lab.db, pageQueries, expected, `Cycle ${cycle}: one SELECT per page for the first load, then one per page for each refresh, while process ${first.name} refreshes and ${second.name} reads too. ${idea}`);
        for (const reader of [first, second]) {
          for (const category of categories) {
            const lockKey = lockKeyFor(keyOf(category));
            const onLock = reader.sent.slice(reader.sentFrom).filter((command) => command.includes(lockKey));
            expect(onLock.length, `Cycle ${cycle}: 10 reads of the stale "${category}" page in process ${reader.name} sent ${onLock.length} commands naming ${lockKey}; one refresh per process needs a handful. ${idea}`).toBeLessThanOrEqual(5);
          }
        }
      } finally {
        held.release();
      }
      await eventually(async () => {
        const now = await Promise.all(categories.map(storedEntry));
        return now.every((entry, i) => cheapest(entry?.value) > cheapest(served[i]));
      }, `Cycle ${cycle}: once Postgres answered, the refreshes should write the new prices to Redis. ${idea}`);
      for (const category of categories) {
        const [entry, pttlMs] = await Promise.all([storedEntry(category), lab.redis.admin.pttl(keyOf(category))]);
        expect(entry!.freshUntil, `Cycle ${cycle}: the refreshed "${category}" entry should be fresh until now + freshMs (${freshMs}) on the injected clock.`).toBe(staleAt + freshMs);
        expect(pttlMs > freshMs + staleMs - 5_000 && pttlMs <= freshMs + staleMs, `Cycle ${cycle}: the refresh wrote "${category}" with a PTTL of ${pttlMs} ms; expected freshMs + staleMs = ${freshMs + staleMs} ms. ${idea}`).toBe(true);
      }
      served = (await Promise.all(categories.map(storedEntry))).map((entry) => entry!.value);
    }
  });

  it('04.12 a failing refresh raises nothing unhandled, reports its error, and keeps the stale page', async () => {
    const errors: unknown[] = [];
    const { clock, cache } = cacheOnClock({ onBackgroundError: (error) => errors.push(error) });
    const stale = await cache.getPage('jugs');
    clock.now = T0 + PAGE_FRESH_MS + 1;
    const idea = `A background refresh has no caller to throw to: catch its error and hand it to onBackgroundError (default: console.warn). The stale page stays until its hard TTL, the refresh lock is released, and the next stale read tries again (${LESSON}, "When a refresh fails").`;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const failure = new Error('injected database failure');
    let restore = lab.db.failQueries(/FROM products/i, failure);
    const warned = captureConsole('04', ['warn']);
    try {
      const outcome = await cache.getPage('jugs').then(
        (page) => (JSON.stringify(page) === JSON.stringify(stale) ? 'stale page' : `another page: ${JSON.stringify(page).slice(0, 80)}`),
        (error: unknown) => `rejected (${String(error)})`,
      );
      expect(outcome, `While Postgres failed, a read of the stale page ${outcome}; expected the stale page. ${idea}`).toBe('stale page');
      await eventually(() => selects() >= 2, `No refresh reached Postgres after a read past freshUntil. ${idea}`);
      await eventually(() => errors.length > 0, `The refresh failed, and onBackgroundError was never called. ${idea}`);
      const reported = errors.some((e) => e === failure || (e as { cause?: unknown })?.cause === failure || String(e).includes(failure.message));
      expect(reported, `onBackgroundError received ${errors.map(String).join(', ')}; expected the database's error ("${failure.message}"). ${idea}`).toBe(true);
      await sleep(SETTLE_MS); // an unhandled rejection is reported on a later tick
      expect(unhandled.map(String), `The failed refresh surfaced as an unhandled rejection. ${idea}`).toEqual([]);
      const key = keyOf('jugs');
      expect(await lab.redis.admin.exists(lockKeyFor(key)), `After the failed refresh its lock ${lockKeyFor(key)} is still in Redis. ${idea}`).toBe(0);
      expect((await storedEntry('jugs'))?.value, `The stale page should still be in Redis. ${idea}`).toEqual(stale);

      restore();
      await cache.getPage('jugs');
      await eventually(async () => ((await storedEntry('jugs'))?.freshUntil ?? 0) > clock.now, `Postgres is back, yet the next stale read did not refresh the page. ${idea}`);

      // The same failure with onBackgroundError left out: the default reports it with console.warn.
      const quiet = createPageCache({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, now: () => clock.now, random: () => 1 });
      clock.now = (await storedEntry('jugs'))!.freshUntil + 1;
      restore = lab.db.failQueries(/FROM products/i, failure);
      await quiet.getPage('jugs');
      await eventually(() => warned.lines().length > 0, `With no onBackgroundError given, a failed refresh should be reported with console.warn (the default). ${idea}`);
      await sleep(SETTLE_MS);
      expect(unhandled.map(String), `The failed refresh surfaced as an unhandled rejection. ${idea}`).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      warned.restore();
      restore();
    }
  });

  it('04.16 a background refresh reads the entry again after taking the lock', async () => {
    const redis = lab.redis.client();
    const { clock, cache } = cacheOnClock({ redis });
    const key = keyOf('grinders');
    const lockKey = lockKeyFor(key);
    const stale = await seedStale('grinders', clock.now);
    const newer: CategoryPage = { category: 'grinders', products: [{ id: 0, name: 'refreshed by another process', priceCents: 2 }] };
    await redis.ping(); // connected first, so the first reply below is this process's read
    let gap = 'not reached' as 'not reached' | 'refreshed' | 'lock already held';
    // In the first gap after this process's read of the stale page, another process that
    // held the key's lock finishes its refresh: it writes a newer entry and releases.
    const gaps = interleave(redis, async () => {
      if (gap !== 'not reached') return;
      if ((await lab.redis.admin.set(lockKey, randomUUID(), 'PX', 5_000, 'NX')) !== 'OK') {
        gap = 'lock already held';
        return;
      }
      gap = 'refreshed';
      await lab.redis.admin.set(key, encodeEntry({ value: newer, freshUntil: clock.now + PAGE_FRESH_MS, loadMs: 5 }), 'PX', 90_000);
      await lab.redis.admin.del(lockKey);
    });
    const idea = `Between this reader's stale read and its refresh's lock, another process refreshed the page. Once the lock is won, read the entry again: if its freshUntil has moved on, the refresh is done already (${LESSON}, "Stale-while-revalidate").`;
    try {
      const page = await expectSettlesWithin(cache.getPage('grinders'), 1_500, 'a read of a stale page', idea);
      expect(page, `A read past freshUntil should return the stale page at once. ${idea}`).toEqual(stale);
      await eventually(() => gap !== 'not reached', `After reading a stale page, your code sent nothing more to Redis: no refresh started. ${idea}`);
      await redis.ping(); // queued behind the refresh's next command, so its reply has arrived
      await sleep(SETTLE_MS);
    } finally {
      gaps.stop();
    }
    if (gap === 'refreshed') {
      expectQueries(lab.db, pageQueries, 0, idea);
      expect((await storedEntry('grinders'))?.value, `The other process's newer entry should still be in Redis. ${idea}`).toEqual(newer);
      await eventually(
        async () => (await lab.redis.admin.exists(lockKey)) === 0,
        `The refresh found the page already refreshed and stopped, yet its lock ${lockKey} stayed in Redis. Release it on every way out, this one too, or nobody can refresh the page again until the lock's TTL runs out. ${idea}`,
      );
    } else {
      await eventually(() => selects() === 1, `This process took the refresh lock with its read; its refresh should load the page once. ${idea}`);
    }
  });
});
