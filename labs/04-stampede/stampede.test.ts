// Lab 04 checks, part 2: one load for a hot key. Run: npm test labs/04-stampede
// Processes A and B are two module instances of page-cache.ts, each with its own Redis
// connection: they share Redis and Postgres, nothing else. Postgres counts every query.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { interleave } from '../../harness/lab/interleave.js';
import { recordCommandLines, wrapCommands } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { eventually, expectPageOf, isPageOf, LESSON, pageCacheChecks, pageQueries, type Options } from './page-cache.support.js';
import { encodeEntry, lockKeyFor, pageKey } from './src/contract.js';
import type { CategoryPage } from './src/contract.js';

const lab = useLab('04');
const { cacheWith, keyOf, selects, track } = pageCacheChecks(lab);

/** Processes A and B: two module instances of page-cache.ts, each with its own connection, connected before the burst. */
async function twoProcesses(options: Options = {}) {
  const modules = await separateProcesses(2, () => import('./src/page-cache.js'));
  const clients = [lab.redis.client(), lab.redis.client()];
  await Promise.all(clients.map((client) => client.ping()));
  return modules.map((module, i) => cacheWith({ redis: clients[i]!, ...options }, module));
}

describe('one load for a hot key', () => {
  it('04.5 100 concurrent misses from two processes load the page from Postgres once', async () => {
    const [a, b] = await twoProcesses();
    const idea = `When a hot key is missing, one process loads it and the others wait for its result, up to lockWaitMs (default 1000 ms): a lock in Redis, which every process sees, not a Map, which only one process sees (${LESSON}, "One loader across processes").`;
    const held = lab.db.holdQueries(/FROM products/i); // a slow query: every request misses while the first load runs
    const burst = Array.from({ length: 100 }, (_, i) => track((i % 2 === 0 ? a! : b!).getPage('cups')));
    try {
      await expectSettlesWithin(held.reached, 3_000, 'a load reaching Postgres after 100 concurrent misses', idea);
      await sleep(200); // the load takes 200 ms: well inside the default lockWaitMs, so nobody should give up
    } finally {
      held.release();
    }
    const pages = await expectSettlesWithin(Promise.all(burst), 8_000, '100 concurrent getPage("cups") calls', idea);
    const wrong = pages.filter((page) => !isPageOf(page, 'cups'));
    expect(wrong.length, `${wrong.length} of 100 calls returned something else than the cups page, e.g. ${JSON.stringify(wrong[0])?.slice(0, 120)}.`).toBe(0);
    expectQueries(lab.db, pageQueries, 1, `100 requests from two processes missed together, and the load took 200 ms. ${idea}`);
  });

  it('04.6 concurrent misses in one process share one flight: one load, one try at the lock', async () => {
    const redis = lab.redis.client();
    const sent = recordCommandLines(redis);
    const lockKey = lockKeyFor(keyOf('kettles'));
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

    // Two caches of one process, each with its own prefix (two shops, two tenants): a flight
    // belongs to its cache's key, so neither is handed the other's page or leaves its own unwritten.
    const [code] = await separateProcesses(1, () => import('./src/page-cache.js'));
    const otherPrefix = `${lab.redis.prefix}tenant-b:`;
    await Promise.all([cacheWith({}, code!).getPage('jugs'), cacheWith({ keyPrefix: otherPrefix }, code!).getPage('jugs')]);
    const written = await Promise.all([keyOf('jugs'), pageKey(otherPrefix, 'jugs')].map(async (key) => `${key}: ${(await lab.redis.admin.exists(key)) ? 'written' : 'missing'}`));
    expect(
      written.filter((line) => line.endsWith('missing')),
      `Two caches of one process, with prefixes ${lab.redis.prefix} and ${otherPrefix}, missed "jugs" at once: ${written.join(', ')}. A flight shared by category across caches hands one cache the other's load and never writes its own key: key the flights by the page key, and keep them per cache, not in module scope.\n${idea}`,
    ).toEqual([]);
  });

  it('04.15 concurrent misses on different categories each load their own page once, under their own lock', async () => {
    const lockTtlMs = 2_500;
    const [a, b] = await twoProcesses({ lockTtlMs, lockWaitMs: 5_000 });
    const categories = ['cups', 'kettles', 'grinders', 'saucers']; // saucers has no products: an empty page is a page
    const idea = `A flight and a lock belong to one key: <prefix>page:<category> and its lock lockKeyFor(pageKey) (README). Misses on different categories must neither wait for each other nor share a result; an empty category is cached like any other (${LESSON}, "Single-flight inside a process").`;
    const held = lab.db.holdQueries(/FROM products/i);
    const calls = categories.flatMap((category) => Array.from({ length: 10 }, (_, i) => ({ category, page: track((i % 2 === 0 ? a! : b!).getPage(category)) })));
    try {
      await eventually(
        () => selects() >= categories.length,
        () => `${categories.length} categories missed at once; after 1.5 s only ${selects()} load(s) had reached Postgres. Is one category waiting for another's lock or flight? ${idea}`,
      );
      for (const category of categories) {
        const lockKey = lockKeyFor(keyOf(category));
        const [token, pttlMs] = await Promise.all([lab.redis.admin.get(lockKey), lab.redis.admin.pttl(lockKey)]);
        expect(token, `While "${category}" was loading, ${lockKey} did not exist; expected the loader's lock there. ${idea}`).not.toBeNull();
        expect(
          pttlMs > lockTtlMs / 2 && pttlMs <= lockTtlMs,
          `While "${category}" was loading, ${lockKey} had a PTTL of ${pttlMs} ms; the cache was created with lockTtlMs ${lockTtlMs}, so expected a PTTL of at most ${lockTtlMs} ms and more than half of it (${LESSON}, "A lock with an owner").`,
        ).toBe(true);
      }
    } finally {
      held.release();
    }
    const pages = await expectSettlesWithin(Promise.all(calls.map((call) => call.page)), 5_000, '40 concurrent reads of 4 categories', idea);
    calls.forEach((call, i) => expectPageOf(pages[i], call.category, `getPage("${call.category}")`));
    expectQueries(lab.db, pageQueries, categories.length, `Four categories missed together in two processes: one load each. ${idea}`);
    const again = await Promise.all(categories.flatMap((category) => [a!.getPage(category), b!.getPage(category)]));
    again.forEach((page, i) => expectPageOf(page, categories[Math.floor(i / 2)]!, `A second read of "${categories[Math.floor(i / 2)]}"`));
    expectQueries(lab.db, pageQueries, categories.length, `Reading the four pages again should be answered from Redis, the empty one too. ${idea}`);
  });

  it('04.7 after winning the lock, the cache is read again before loading', async () => {
    const redis = lab.redis.client();
    const key = keyOf('grinders');
    const lockKey = lockKeyFor(key);
    const filled: CategoryPage = { category: 'grinders', products: [{ id: 0, name: 'written by another process', priceCents: 1 }] };
    await redis.ping(); // connected first, so the first reply below is this process's first read
    // A release (any command on the lock but the SET that takes it) reaches Redis 50 ms after
    // it is sent: getPage must wait for it, not only send it.
    wrapCommands(redis, (command, send) =>
      command.name.toLowerCase() !== 'set' && command.args.map(String).includes(lockKey) ? sleep(50).then(() => send(command)) : send(command),
    );
    let gap = 'not reached' as 'not reached' | 'filled' | 'lock already held';
    // In the first gap after this process's first reply (its miss), another process that
    // held the key's lock finishes its load: it writes the page and releases its lock. If
    // this process already holds the lock there (it read and locked in one step), nobody
    // else can be loading the key, and the gap is left alone.
    const gaps = interleave(redis, async () => {
      if (gap !== 'not reached') return;
      const token = randomUUID();
      if ((await lab.redis.admin.set(lockKey, token, 'PX', 5_000, 'NX')) !== 'OK') {
        gap = 'lock already held';
        return;
      }
      gap = 'filled';
      await lab.redis.admin.set(key, encodeEntry({ value: filled, freshUntil: Date.now() + 60_000, loadMs: 5 }), 'PX', 90_000);
      await lab.redis.admin.del(lockKey);
    });
    const page = await cacheWith({ redis }).getPage('grinders').finally(() => gaps.stop());
    expect(gap, `Your code sent one command to Redis, so there was no gap between its miss and its lock for the check to use.`).not.toBe('not reached');
    const idea = `Another process filled the cache between this miss and this lock. The lock's winner must read the cache again before loading, or every waiter that wins the lock in turn repeats the query (${LESSON}, "Read again after the lock").`;
    if (gap === 'filled') {
      expectQueries(lab.db, pageQueries, 0, idea);
      expect(page, `getPage should return what the other process wrote. ${idea}`).toEqual(filled);
      const left = await lab.redis.admin.get(lockKey);
      expect(left, `getPage found the page on its second read and resolved, yet the lock ${lockKey} it had won is still in Redis ("${left}"). Release it on every way out, this one too, before getPage resolves: until its TTL runs out, the next miss on this page waits for a lock nobody holds. ${idea}`).toBeNull();
    } else {
      expectPageOf(page, 'grinders', 'getPage("grinders"), which took the lock with its miss');
    }
  });
});
