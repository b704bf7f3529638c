// Lab 04 checks, part 3b: for longer than a lock lives: a load or a refresh that outlasts
// lockTtlMs keeps its lock. (A page that expires again and again: part 3c, page-expiry.test.ts.)
// Run: npm test labs/04-stampede
// Processes A and B are two module instances of page-cache.ts, each with its own Redis
// connection. Freshness runs on an injected clock; lock TTLs and the page's hard TTL in
// Redis stay real.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { SCRIPT_CALLS } from '../../harness/lab/monitor.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { eventually, expectPageOf, LESSON, pageCacheChecks, pageQueries, T0 } from './page-cache.support.js';
import { encodeEntry, lockKeyFor } from './src/contract.js';
import type { CategoryPage } from './src/contract.js';

const lab = useLab('04');
const { cacheWith, expectLocksQuiet, keyOf, selects, track } = pageCacheChecks(lab);

/** The token and TTL of the process that takes over a lock A has lost. */
const FOREIGN_TOKEN = 'another-process';
const FOREIGN_TTL_MS = 200;
const READS = new Set(['GET', 'EXISTS', 'PTTL', 'TTL', 'TYPE']);

/**
 * Makes A lose `lockKey` without knowing, as a holder does when a pause outlasts the TTL:
 * once `armed`, the first time A's client extends it, another process takes the key with
 * its own token for FOREIGN_TTL_MS: right after an extension the server ran whole (a
 * script), or in the gap before a plain write (PEXPIRE, SET ...) that A decided on from
 * an earlier read. A holder that checks its token in the same step as it extends leaves
 * the new owner's lock to expire.
 */
function loseLockWhenExtended(client: Redis, lockKey: string) {
  const lost = {
    armed: false,
    taken: false,
    at: undefined as number | undefined,
    async handOver() {
      lost.taken = true;
      await lab.redis.admin.set(lockKey, FOREIGN_TOKEN, 'PX', FOREIGN_TTL_MS);
      lost.at = performance.now();
    },
  };
  wrapCommands(client, (command, send) => {
    const name = command.name.toUpperCase();
    if (!lost.armed || lost.taken || READS.has(name) || !command.args.some((arg) => String(arg) === lockKey)) return send(command);
    lost.taken = true;
    if (SCRIPT_CALLS.has(name)) {
      command.promise.then(() => lost.handOver(), () => {});
      return send(command);
    }
    void lost.handOver().then(() => send(command));
    return command.promise;
  });
  return lost;
}

/** The lock A lost was left to its new owner's TTL: gone, neither extended nor overwritten. */
async function expectForeignLockExpired(lockKey: string, idea: string): Promise<void> {
  const [pttlMs, value] = await Promise.all([lab.redis.admin.pttl(lockKey), lab.redis.admin.get(lockKey)]);
  expect(
    pttlMs,
    `While A loaded "jugs", its lock ${lockKey} passed to another process, which set its own token with a ${FOREIGN_TTL_MS} ms TTL, right after (or just before) one of A's extensions. ` +
      `More than ${FOREIGN_TTL_MS} ms later the key is still there (value ${JSON.stringify(value)}, PTTL ${pttlMs} ms): A's keep-alive extended or took over a lock that was no longer its own. ` +
      `Extend from the timer with extendLock, which compares the token and extends in one step on the server. ${idea}`,
  ).toBe(-2);
}

describe('for longer than a lock lives', () => {
  it('04.19 a load or a refresh that outlasts lockTtlMs keeps its lock, and never extends one it has lost: no second loader starts', async () => {
    const lockTtlMs = 400;
    const modules = await separateProcesses(2, () => import('./src/page-cache.js'));
    const clock = { now: T0 };
    const aRedis = lab.redis.client();
    const jugsLock = lockKeyFor(keyOf('jugs'));
    const lost = loseLockWhenExtended(aRedis, jugsLock);
    const [a, b] = modules.map((module, i) => cacheWith({ now: () => clock.now, random: () => 1, lockTtlMs, lockWaitMs: 3_000, ...(i === 0 ? { redis: aRedis } : {}) }, module));
    const stale: CategoryPage = { category: 'grinders', products: [{ id: 0, name: 'stale copy', priceCents: 1 }] };
    await lab.redis.admin.set(keyOf('grinders'), encodeEntry({ value: stale, freshUntil: T0 - 1, loadMs: 5 }), 'PX', 90_000);
    const idea = `A lock's TTL (lockTtlMs, here ${lockTtlMs} ms) frees the lock of a holder that died. A holder that is alive and still loading extends its own lock while it works (extendLock, from a timer), so a slow load or refresh never lets a second loader in (${LESSON}, "When the load fails").`;
    const held = lab.db.holdQueries(/FROM products/i); // Postgres answers nothing until released
    const missA = track(a!.getPage('cups'));
    const lostA = track(a!.getPage('jugs'));
    let missB: Promise<CategoryPage> | undefined;
    try {
      const served = await expectSettlesWithin(a!.getPage('grinders'), 1_500, 'A reading a stale page while Postgres is slow', idea);
      expect(served, `A read a stale page and should get it at once. ${idea}`).toEqual(stale);
      await eventually(() => selects() === 3, () => `A's misses on "cups" and "jugs" and A's refresh of "grinders" should all reach Postgres; it saw ${selects()} load(s). ${idea}`);
      lost.armed = true; // A holds its "jugs" lock: the next extension loses it
      missB = track(b!.getPage('cups'));
      await expectSettlesWithin(b!.getPage('grinders'), 1_500, 'B reading the stale page', idea);
      // Both loads run on, B waiting behind one, to twice lockTtlMs (a single extension cannot
      // carry a lock that far: keepalive-once.ts); A's locks are watched all along.
      for (const until = performance.now() + 2 * lockTtlMs; performance.now() < until; await sleep(25)) {
        for (const category of ['cups', 'grinders']) {
          const lockKey = lockKeyFor(keyOf(category));
          const pttlMs = await lab.redis.admin.pttl(lockKey);
          expect(pttlMs > 0, `A is still loading "${category}", yet its lock ${lockKey} is gone (lockTtlMs ${lockTtlMs}). ${idea}`).toBe(true);
          expect(pttlMs, `A's lock ${lockKey} has a PTTL of ${pttlMs} ms; each extension should set lockTtlMs (${lockTtlMs} ms) again, no more. ${idea}`).toBeLessThanOrEqual(lockTtlMs);
        }
        if (lost.at !== undefined && performance.now() > lost.at + FOREIGN_TTL_MS + 100) await expectForeignLockExpired(jugsLock, idea);
      }
      expectQueries(lab.db, pageQueries, 3, `B missed "cups" and read the stale "grinders" while A, alive, was still loading both. ${idea}`);
      if (lost.at === undefined) {
        // A's extensions went out on a connection of its own: the lock changes hands now instead.
        await lost.handOver();
        await sleep(FOREIGN_TTL_MS + 100);
      }
      await expectForeignLockExpired(jugsLock, idea);
    } finally {
      held.release();
    }
    expectPageOf(await expectSettlesWithin(missA, 3_000, "A's miss", idea), 'cups', "A's getPage(\"cups\")");
    expectPageOf(await expectSettlesWithin(missB!, 3_000, "B's miss", idea), 'cups', "B's getPage(\"cups\")");
    expectPageOf(await expectSettlesWithin(lostA, 3_000, "A's miss on \"jugs\"", idea), 'jugs', "A's getPage(\"jugs\")");
    expectQueries(lab.db, pageQueries, 3, `Once A's load finished, B should find the page in Redis. ${idea}`);
    const lockKeys = ['cups', 'grinders', 'jugs'].map((category) => lockKeyFor(keyOf(category)));
    await eventually(async () => (await lab.redis.admin.exists(...lockKeys)) === 0, `Both loads are done, yet a lock is still in Redis. ${idea}`); // A's refresh has finished too
    // A whole lock TTL after the work is done.
    await expectLocksQuiet(lockKeys, lockTtlMs, `Every read had settled, yet the code kept sending commands for the locks: stop the extension timer when the work ends (in the same finally that releases). ${idea}`);
  });
});
