// Lab 04 checks, part 4b: a background refresh that ends without writing: one that fails, and
// one that finds, once it holds the lock, that another process has refreshed the page. A file
// of its own, so it runs beside part 4. Run: npm test labs/04-stampede
// Freshness runs on an injected clock (`now`), so no check sleeps through a TTL; the hard
// TTL in Redis stays real.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { refuseWhere, wrapCommands } from '../../harness/lab/lab-redis.js';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { eventually, LESSON, pageCacheChecks, pageQueries, SETTLE_MS, T0 } from './page-cache.support.js';
import { encodeEntry, lockKeyFor, PAGE_FRESH_MS } from './src/contract.js';
import type { CategoryPage } from './src/contract.js';
import { createPageCache } from './src/page-cache.js';

const lab = useLab('04');
const { cacheOnClock, keyOf, seedStale, selects, storedEntry } = pageCacheChecks(lab);

describe('a refresh cut short', () => {
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
      restore();

      // Redis failing the refresh (every SET refused: its lock, its write) is reported the same way.
      const redisErrors: unknown[] = [];
      const refusing = lab.redis.client();
      refuseWhere(refusing, (name) => name === 'set', new Error("OOM command not allowed when used memory > 'maxmemory' (injected)"));
      const { cache: onFullRedis } = cacheOnClock({ redis: refusing, onBackgroundError: (error) => redisErrors.push(error) });
      await seedStale('cups', T0);
      const served = await onFullRedis.getPage('cups');
      expect(served.products.map((product) => product.name), `On a Redis refusing writes, a read of a stale page should return it at once. ${idea}`).toEqual(['stale copy']);
      await eventually(() => redisErrors.length > 0, `On a Redis refusing every SET, the refresh of a stale page failed in Redis (its lock or its write), and onBackgroundError was never called: a Redis error is the refresh's as much as a database error. ${idea}`);
      await sleep(SETTLE_MS);
      expect(unhandled.map(String), `The refresh that Redis failed surfaced as an unhandled rejection: catch the errors of every step of the refresh (the lock, the reads, the write, the release), not only the load's. ${idea}`).toEqual([]);
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
    await redis.ping(); // connected first
    let gap = 'not reached' as 'not reached' | 'refreshed' | 'lock already held';
    // Just before this process's refresh sends its first command on the key's lock (the one
    // that takes it), another process that held the lock finishes its refresh: it writes a
    // newer entry and releases. Whatever this refresh read before that is out of date.
    const otherRefresh = async () => {
      if ((await lab.redis.admin.set(lockKey, randomUUID(), 'PX', 5_000, 'NX')) !== 'OK') {
        gap = 'lock already held';
        return;
      }
      gap = 'refreshed';
      await lab.redis.admin.set(key, encodeEntry({ value: newer, freshUntil: clock.now + PAGE_FRESH_MS, loadMs: 5 }), 'PX', 90_000);
      await lab.redis.admin.del(lockKey);
    };
    let open = true;
    wrapCommands(redis, (command, send) => {
      if (!open || gap !== 'not reached' || !command.args.map(String).includes(lockKey)) return send(command);
      return otherRefresh().then(() => send(command));
    });
    const gaps = { stop: () => (open = false) };
    const idea = `Between this reader's stale read and its refresh's lock, another process refreshed the page, right before the lock was taken. Once the lock is won, read the entry again (a read before the lock can be out of date by the time the lock is yours): if its freshUntil has moved on, the refresh is done already (${LESSON}, "Stale-while-revalidate").`;
    try {
      const page = await expectSettlesWithin(cache.getPage('grinders'), 1_500, 'a read of a stale page', idea);
      expect(page, `A read past freshUntil should return the stale page at once. ${idea}`).toEqual(stale);
      await eventually(() => gap !== 'not reached', `After reading a stale page, your code sent no command on the key's lock ${lockKey}: no refresh started, or it did not take the lock. ${idea}`);
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
      // That refresh is over: when the page is stale again, this process refreshes it.
      clock.now = (await storedEntry('grinders'))!.freshUntil + 1;
      await cache.getPage('grinders');
      await eventually(
        () => selects() === 1,
        `The refresh that found the page refreshed stopped; when the page was stale again, a read in this process started no new refresh. Clear the mark of a page being refreshed however its refresh ends, this way too, or this process never refreshes that page again. ${idea}`,
      );
    } else {
      await eventually(() => selects() === 1, `This process took the refresh lock with its read; its refresh should load the page once. ${idea}`);
    }
  });
});
