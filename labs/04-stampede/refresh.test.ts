// Lab 04 checks, part 4: serving stale while one refresh runs: how long a page lives, on every
// path that writes it, and one background refresh per stale page. A refresh that fails, or
// finds the page already refreshed, is part 4b (refresh-cut-short.test.ts). Run: npm test labs/04-stampede
// Freshness runs on an injected clock (`now`), so no check sleeps through a TTL; the hard
// TTL in Redis stays real. Processes A and B are two module instances of page-cache.ts.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { holdCommands } from '../../harness/lab/hold.js';
import { recordCommandLines } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { timedWithLateness } from '../../harness/lab/loop-lateness.js';
import { between, expectEveryKeyHasTtl, expectQueries, expectSettlesWithin, expectTtlsWithin, leastTtlLeft } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { cheapest, eventually, LESSON, pageCacheChecks, pageQueries, SETTLE_MS, T0 } from './page-cache.support.js';
import { LOCK_TTL_MS, LOCK_WAIT_MS, lockKeyFor, PAGE_FRESH_MS, PAGE_STALE_MS } from './src/contract.js';

const lab = useLab('04');
const { cacheOnClock, cacheWith, keyOf, seedStale, selects, storedEntry, track } = pageCacheChecks(lab);

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

    // The loader holds the key's lock, taken with the default lockTtlMs, until the page is written.
    const client = lab.redis.client();
    const lockKey = lockKeyFor(keyOf('grinders'));
    const writing = holdCommands(client, (name, command) => name === 'set' && String(command.args[0]) === keyOf('grinders'));
    const loading = lab.db.holdQueries(/FROM products/i, { first: 1 });
    const locking = performance.now();
    const reading = cacheWith({ redis: client }).getPage('grinders');
    reading.catch(() => {}); // awaited below
    await expectSettlesWithin(loading.reached, 3_000, 'a miss of "grinders" reaching Postgres', idea);
    const lockTtl = await lab.redis.admin.pttl(lockKey);
    loading.release();
    await expectSettlesWithin(writing.reached, 3_000, 'the miss of "grinders" writing its page', idea);
    const lockedWhileWriting = await lab.redis.admin.exists(lockKey);
    writing.release();
    await reading;
    const least = leastTtlLeft(LOCK_TTL_MS, locking);
    expect(lockTtl >= least && lockTtl <= LOCK_TTL_MS, `While the miss of "grinders" loaded, with lockTtlMs left to its default, ${lockKey} had a PTTL of ${lockTtl} ms; expected LOCK_TTL_MS, ${LOCK_TTL_MS} ms, less the time since the read began (at least ${least}). A default stands in for an option left out, as the README gives it.`).toBe(true);
    expect(
      lockedWhileWriting,
      `When the miss of "grinders" sent the SET of its page, ${lockKey} was already gone. Release the lock after the page is written: a waiter that takes it in between finds nothing on its second read, and loads the page again (${LESSON}, "Read again after the lock").`,
    ).toBe(1);
  });


  it('04.18 every path that writes the page gives it freshMs + staleMs: a miss, a waiter giving up, a refresh', async () => {
    // Not round, new every run: a TTL rounded to seconds, or a default put in place of a value given, shows.
    const [freshMs, staleMs] = [20_000 + between(1, 999), 10_000 + between(1, 999)];
    const { clock, cache } = cacheOnClock({ freshMs, staleMs, lockWaitMs: 100 });
    const idea = `Whichever path writes a page (the loader after a miss, a waiter that gave up on the lock, a background refresh), it writes the entry with freshUntil = now + freshMs, loadMs the load's own time, and a hard TTL of freshMs + staleMs (here ${freshMs} + ${staleMs} ms, to the millisecond: PX, not EX), in the same SET (${LESSON}, "Stale-while-revalidate").`;
    const expectWritten = async (category: string, path: string, required: boolean, began: number, ttlMs = freshMs + staleMs, loadMs?: number) => {
      const [entry, pttlMs] = await Promise.all([storedEntry(category), lab.redis.admin.pttl(keyOf(category))]);
      if (entry === null) {
        expect(required, `After ${path}, Redis holds no "${category}" page. ${idea}`).toBe(false);
        return;
      }
      const least = leastTtlLeft(ttlMs, began);
      expect(pttlMs >= least && pttlMs <= ttlMs, `After ${path}, ${keyOf(category)} has a PTTL of ${pttlMs} ms; expected ${ttlMs} ms, less the time since the read began (at least ${least}). ${idea}`).toBe(true);
      expect(entry.freshUntil, `After ${path}, the entry's freshUntil is ${entry.freshUntil}; expected now + freshMs = ${clock.now + freshMs} on the injected clock. ${idea}`).toBe(clock.now + freshMs);
      if (loadMs !== undefined) expect(entry.loadMs, `After ${path}, whose load took ${loadMs} ms on the injected clock, the entry's loadMs is ${entry.loadMs}. XFetch weighs the head start by it, on every path. ${idea}`).toBe(loadMs);
      expect(entry.value.category, `After ${path}, the entry holds ${JSON.stringify(entry.value).slice(0, 80)}; expected the "${category}" page.`).toBe(category);
    };
    let began = performance.now();
    await cache.getPage('cups');
    await expectWritten('cups', 'a miss', true, began);
    await lab.redis.admin.set(lockKeyFor(keyOf('kettles')), 'held-by-a-process-that-hung', 'PX', 10_000);
    began = performance.now();
    const slowLoad = lab.db.holdQueries(/FROM products/i, { first: 1 }); // the waiter's own load, once it gave up
    const givingUp = cache.getPage('kettles');
    givingUp.catch(() => {}); // awaited below
    await expectSettlesWithin(slowLoad.reached, 3_000, 'getPage("kettles") behind a stuck lock, with lockWaitMs 100, reaching Postgres', idea);
    clock.now += 1_234; // the load takes 1 234 ms on the injected clock
    slowLoad.release();
    await expectSettlesWithin(givingUp, 3_000, 'getPage("kettles") behind a stuck lock, with lockWaitMs 100', idea);
    await expectWritten('kettles', 'a waiter that gave up on a stuck lock', false, began, undefined, 1_234);
    const stale = await seedStale('jugs', clock.now);
    began = performance.now();
    expect(await cache.getPage('jugs'), `A read past freshUntil should return the stale page. ${idea}`).toEqual(stale);
    await eventually(async () => (await storedEntry('jugs'))?.value.products.length === 4, `A read of a stale page should start a refresh that writes the page. ${idea}`);
    await expectWritten('jugs', 'a background refresh', true, began);

    // An option given as 0 is 0, not the default: no stale window, and no wait for a lock.
    const noStale = cacheWith({ now: () => clock.now, random: () => 1, freshMs, staleMs: 0, lockWaitMs: 0 });
    began = performance.now();
    await noStale.getPage('spoons');
    await expectWritten('spoons', 'a miss with staleMs: 0', true, began, freshMs);
    await lab.redis.admin.set(lockKeyFor(keyOf('tools')), 'held-by-a-process-that-hung', 'PX', 10_000);
    const { elapsedMs: unwaited } = await timedWithLateness(() => noStale.getPage('tools'));
    expect(unwaited, `With lockWaitMs: 0, getPage("tools") behind a stuck lock took ${Math.round(unwaited)} ms; expected one try at the lock, then Postgres at once, well under the default ${LOCK_WAIT_MS} ms. A default stands in only for an option left out (??, not ||): 0 is a value. ${idea}`).toBeLessThan(LOCK_WAIT_MS / 2);
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
});
