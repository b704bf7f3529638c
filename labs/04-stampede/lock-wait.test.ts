// Lab 04 checks, part 1b: waiting for a held lock. Run: npm test labs/04-stampede
// Processes A and B are two module instances of lock.ts, each with its own connection. The
// waits are real (half a second), so they run beside the other lock checks, not after them.
import { describe, expect, it } from 'vitest';
import { timedWithLateness } from '../../harness/lab/loop-lateness.js';
import { SCRIPT_CALLS } from '../../harness/lab/monitor.js';
import { serverCommandsDuring, type ServerCommand } from '../../harness/lab/server-commands.js';
import { expectSettlesWithin, leastTtlLeft, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { pollUntil } from '../../harness/services/poll.js';
import { LESSON, lockChecks } from './lock.support.js';

const lab = useLab('04');
const { twoProcesses, lockState } = lockChecks(lab);

/** The most tries acquireLock may send in a wait of about 500 ms for a held lock (README): the first, and 20 retries. */
const MAX_TRIES = 21;
/** A waiter that tried this often in about 500 ms is polling, even if it also waits for word of the release: its pauses must grow. */
const POLLING_TRIES = 6;
/** Commands that wait for word from the server (a release published, a list pushed): a waiter that sends one may try only a few times. */
const WAITS_FOR_WORD = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'BLPOP', 'BRPOP', 'BLMPOP', 'BLMOVE', 'BRPOPLPUSH', 'BZPOPMIN', 'BZPOPMAX', 'BZMPOP', 'XREAD', 'XREADGROUP']);
/** From A's release to B holding the lock: a few of the README's pauses at most, far above one. */
const TAKEN_AFTER_RELEASE_MS = 1_000;
/** The longest first pause that is still "a few milliseconds" (the README). */
const FIRST_PAUSE_MS = 20;
const gapsOf = (times: number[]) => times.slice(1).map((at, i) => at - times[i]!);
const shownPauses = (polling: number[][]) => polling.map((gaps) => (gaps.length ? gaps.map((gap) => gap.toFixed(0)).join(', ') : 'none (a single try)')).join('; and ');
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;

describe('waiting for a lock', () => {
  it('04.2 waiting for a held lock is bounded: it gets the lock if freed in time, or gives up with null', async () => {
    const { a, b } = await twoProcesses();
    const key = lab.redis.key('lock:wait');
    const idea = `acquireLock retries while the lock is held, for at most waitMs, then returns null so the caller can fall back. waitMs 0 is one attempt. Retrying for ever ties every waiter to a holder that may have hung (${LESSON}, "Waiting, with a bound").`;
    const lockA = await a.lock.acquireLock(a.redis, key, { ttlMs: 5_000, waitMs: 0 });
    expect(lockA, `acquireLock(A) on a free key returned null; expected a Lock`).not.toBeNull();
    /** Tries for the lock the server ran: a SET or a script naming the key (a GET or a SUBSCRIBE is no try). */
    const attempts = (commands: ServerCommand[]) => commands.filter((c) => (c.name === 'SET' || SCRIPT_CALLS.has(c.name)) && c.args.includes(key));
    const single = await serverCommandsDuring(lab.redis, () =>
      expectSettlesWithin(b.lock.acquireLock(b.redis, key, { ttlMs: 5_000, waitMs: 0 }), 1_000, 'B trying once (waitMs 0) for a lock A holds', idea),
    );
    expect(single.result, `A holds the lock; B, with waitMs 0, should get null at once.\n${idea}`).toBeNull();
    expect(attempts(single.commands).length, `With waitMs 0, B tried ${attempts(single.commands).length} times for the lock; expected exactly one attempt.\n${idea}`).toBe(1);

    // Two waits at once, each on a key of its own: B waiting for the lock A frees, and two
    // waiters in A giving up on a lock B holds. The check takes the longer wait, not both.
    const heldKey = lab.redis.key('lock:held');
    const lockHeld = await b.lock.acquireLock(b.redis, heldKey, { ttlMs: 5_000, waitMs: 0 });
    expect(lockHeld, `acquireLock(B) on a free key returned null; expected a Lock`).not.toBeNull();

    // A frees its lock once B has tried twice (the server ran both, and refused both, before
    // the release) and waited WAITED_MS, well into the second half of B's wait (a waiter
    // that stops at half still tries once more after a pause, up to a few hundred ms on a
    // loaded machine): B gets the lock only by trying on after the holder is gone, through
    // the whole wait, and the wait is long enough to show in the TTL of B's winning try.
    const [WAITED_MS, B_WAIT_MS] = [750, 1_000];
    const bGetsTheFreedLock = async () => {
      const from = await lab.redis.log.sync();
      const waitingSince = performance.now();
      const acquiring = b.lock.acquireLock(b.redis, key, { ttlMs: 4_000, waitMs: B_WAIT_MS });
      const tries = async () => (await lab.redis.log.sync(), attempts(lab.redis.log.since(from).filter((c) => lab.redis.log.isCode(c))).length);
      await pollUntil(`B's second try for the lock to reach Redis, after ${WAITED_MS} ms of waiting`, async () => {
        const made = await tries();
        return (made >= 2 && performance.now() - waitingSince >= WAITED_MS) || { not: `${made} tries` };
      }, { timeoutMs: LIVENESS_MS });
      const releasing = performance.now();
      await a.lock.releaseLock(a.redis, lockA!);
      const lockB = await expectSettlesWithin(acquiring, 5_000, `B waiting up to ${B_WAIT_MS} ms for a lock A frees while B waits`, idea);
      const takenAfterMs = Math.round(performance.now() - releasing);
      expect(lockB, `A released its lock ${WAITED_MS} ms or more into B's wait of ${B_WAIT_MS} ms, after B had tried twice, and B got null. Retry until waitMs has passed, through the whole wait: a waiter that stops trying early misses a lock freed late.\n${idea}`).not.toBeNull();
      expect(
        takenAfterMs,
        `B had ${B_WAIT_MS} ms to wait and held the lock ${takenAfterMs} ms after A released it. Expected it within a pause or two (under ${TAKEN_AFTER_RELEASE_MS} ms): keep trying through the whole wait, with pauses that grow to a cap of a few hundred ms at most, so a lock freed mid-wait is taken soon after, not at the end of waitMs.\n${idea}`,
      ).toBeLessThan(TAKEN_AFTER_RELEASE_MS);
      const taken = await lockState(key);
      // Every millisecond the PTTL lacks from ttlMs must be one that passed since the release,
      // before which B could not win: a lease shortened by any part of the wait shows.
      const least = leastTtlLeft(4_000, releasing);
      expect(
        taken.value === lockB!.token && taken.pttlMs >= least && taken.pttlMs <= 4_000,
        `B got the lock after waiting over ${WAITED_MS} ms, with ttlMs 4000; Redis shows ${taken.shown}. Expected B's token with a PTTL of at most 4000 ms and at least ${least} (4000 less the time since A's release): the try that wins carries the same token and the whole ttlMs, however long B waited (the TTL is the new holder's lease, counted from when it takes the lock).\n${idea}`,
      ).toBe(true);
    };

    // Two waiters in A at the same moment, each on a connection of its own: their tries, by
    // the server's clock, show whether the pauses grow.
    // An odd number of ms, never a round one, new every run: a wait right only for the values a suite uses shows.
    const waitMs = 451 + 2 * Math.floor(Math.random() * 49);
    const twin = lab.redis.client();
    await twin.ping();
    const waitOnHeldLock = (redises: (typeof a.redis)[], key = heldKey, wait = waitMs) =>
      timedWithLateness(() =>
        Promise.all(
          redises.map((redis, i) =>
            expectSettlesWithin(a.lock.acquireLock(redis, key, { ttlMs: 5_000, waitMs: wait }), 2 * wait, `A's waiter ${i + 1} (waitMs ${wait}) on a lock B holds`, idea),
          ),
        ),
      );
    const waitersGiveUp = async () => {
      const waited = await serverCommandsDuring(lab.redis, () => waitOnHeldLock([a.redis, twin]));
      // The clock's granularity is the only slack: a waiter that gives up early misses a lock
      // freed at the end of its wait. A waiter that stops a tenth early looks on time when its
      // last timer fires late, so a reading taken while timers ran late is taken again, with a
      // wait four times as long, on a lock held longer.
      let [reading, readWaitMs] = [waited.result, waitMs];
      if (reading.latenessMs > waitMs / 20) {
        readWaitMs = 4 * waitMs;
        const longerHeld = lab.redis.key('lock:held-longer');
        await twin.set(longerHeld, 'held by B', 'PX', 3 * readWaitMs);
        reading = await waitOnHeldLock([a.redis], longerHeld, readWaitMs);
      }
      const gaveUpAfter = Math.round(reading.elapsedMs);
      expect(gaveUpAfter >= readWaitMs - 2, `A, allowed to wait ${readWaitMs} ms for a lock B holds, gave up after ${gaveUpAfter} ms; expected it to keep trying until waitMs had passed.\n${idea}`).toBe(true);
      expect(waited.result.result, `B holds the lock for 5 s; A, allowed to wait ${waitMs} ms, should give up with null.\n${idea}`).toEqual([null, null]);
      const state = await lockState(heldKey);
      expect(state.value, `Redis shows ${state.shown}; giving up must leave B's lock as it was.\n${idea}`).toBe(lockHeld!.token);
      return waited.commands;
    };

    const [, commands] = await Promise.all([bGetsTheFreedLock(), waitersGiveUp()]);
    // Each waiter's tries (SET NX, or a script naming the key), by the connection that sent them.
    const triesBy = new Map<string, number[]>();
    for (const command of commands) {
      if (command.source !== 'lua' && command.args.includes(heldKey)) triesBy.set(command.source, [...(triesBy.get(command.source) ?? []), command.atMs]);
    }
    // A growing backoff sends about a dozen here; a slow machine only lowers the count.
    const maxTries = Math.floor((MAX_TRIES * waitMs) / 500);
    const pause = 'sleep between tries, a few ms at first and growing, with jitter (a random part of each pause)';
    for (const times of triesBy.values()) {
      expect(
        times.length,
        `A waited ${waitMs} ms for a held lock and sent ${times.length} commands on it, about one every ${(waitMs / Math.max(1, times.length)).toFixed(1)} ms. Expected at most ${maxTries} (the README's ${MAX_TRIES} in 500 ms): ${pause}. A waiter that retries without pausing, or every few milliseconds, turns a thousand waiters into a flood of commands about one key.\n${idea}`,
      ).toBeLessThanOrEqual(maxTries);
    }
    // Waiters that poll back off; one that waits for word of the release (the server saw it
    // subscribe or block) may try only a few times. A busy machine only ever lengthens a gap,
    // never shortens it, so the shortest early gap of the two waiters is the best reading of
    // the first pauses, and the median of their late gaps, of the later ones whatever their jitter.
    const notified = commands.some((command) => WAITS_FOR_WORD.has(command.name));
    const pollers = [...triesBy.values()].filter((times) => !notified || times.length >= POLLING_TRIES);
    const polling = pollers.map(gapsOf);
    if (polling.length > 0) {
      const early = Math.min(...polling.flatMap((gaps) => gaps.slice(0, 3)));
      const late = median(polling.flatMap((gaps) => gaps.slice(-4, -1))); // the very last pause may be cut short by waitMs
      const shown = shownPauses(polling);
      expect(
        early <= FIRST_PAUSE_MS,
        `The waiters' pauses between tries were ${shown} ms: none of the first three was under ${FIRST_PAUSE_MS} ms. Expected ${pause}: a lock freed a moment after the first try is taken a few ms later, not after a long fixed pause.\n${idea}`,
      ).toBe(true);
      expect(
        late >= 2 * early,
        `The waiters' pauses between tries were ${shown} ms: about ${early.toFixed(0)} ms at first and ${late.toFixed(0)} ms at the end. Expected them to grow (at least double): ${pause}. Waiters that keep a fixed pace keep hammering a lock whose holder is slow.\n${idea}`,
      ).toBe(true);
    }
  });
});
