// Lab 04 checks, part 1: the lock. Run: npm test labs/04-stampede
// Two clients stand for two processes, A and B; the suite drives the lock module directly.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { interleave } from '../../harness/lab/interleave.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import type { Lock } from './src/contract.js';
import { acquireLock, extendLock, releaseLock } from './src/lock.js';

const lab = useLab('04');
const LESSON = 'Lesson 04, Stampedes';
const B_TTL_MS = 2_000; // B's lock: long enough to outlive the check, short enough to tell from 60 s
const OWNER_IDEA = `A lock's value is its owner's token, random per acquisition. Release and extend compare it and act in one step (a Lua script), so a holder whose lock expired and passed to someone else can no longer touch it (${LESSON}, "A lock with an owner").`;

async function lockState(key: string) {
  const [value, pttlMs] = await Promise.all([lab.redis.admin.get(key), lab.redis.admin.pttl(key)]);
  return { value, pttlMs, shown: value === null ? `${key} does not exist` : `${key} = "${value}", PTTL ${pttlMs} ms` };
}

/** Two processes; A's lock is short (100 ms) and A stalls past it, so B takes the key over. */
async function takeoverAfterStall(name: string) {
  const [a, b] = [lab.redis.client(), lab.redis.client()];
  const key = lab.redis.key(name);
  const lockA = await acquireLock(a, key, { ttlMs: 100, waitMs: 0 });
  expect(lockA, `acquireLock(A, "${key}") on a free key returned null; expected a Lock`).not.toBeNull();
  await sleep(150); // A stalls: a GC pause, a slow query, a laptop lid
  const lockB = await acquireLock(b, key, { ttlMs: B_TTL_MS, waitMs: 0 });
  expect(lockB, `A's 100 ms lock had expired after 150 ms, so B should get it; acquireLock returned null`).not.toBeNull();
  return { a, b, key, lockA: lockA!, lockB: lockB! };
}

/**
 * A holds a 100 ms lock and starts `act` on it. If `act` sends more than one command, A
 * stalls in the first gap between them until its lock has expired, and B takes the key.
 * A two-step check-then-act (GET, then DEL or PEXPIRE) is caught in the middle; a single
 * Lua script leaves no gap at all.
 */
async function stallInsideCall(name: string, act: (a: ReturnType<typeof lab.redis.client>, lock: Lock) => Promise<unknown>) {
  const [a, b] = [lab.redis.client(), lab.redis.client()];
  const key = lab.redis.key(name);
  const lockA = await acquireLock(a, key, { ttlMs: 100, waitMs: 0 });
  let lockB: Lock | null = null;
  const gaps = interleave(a, async () => {
    if (lockB) return;
    await sleep(150);
    // waitMs 0 means one try; the race only keeps a lock that ignores waitMs from hanging the check.
    lockB = await Promise.race([acquireLock(b, key, { ttlMs: B_TTL_MS, waitMs: 0 }), sleep(1_000).then(() => null)]);
  });
  try {
    await act(a, lockA!);
  } finally {
    gaps.stop();
  }
  const split = gaps.runs > 0;
  if (split) expect(lockB, `A's call sent several commands; in the gap A's lock expired, so B should have taken it`).not.toBeNull();
  return { key, lockA: lockA!, lockB: lockB as Lock | null, split, state: await lockState(key) };
}

describe('a lock with an owner', () => {
  it('04.1 a lock is one key holding a fresh owner token, with a TTL', async () => {
    const redis = lab.redis.client();
    const locks: Lock[] = [];
    for (const name of ['lock:first', 'lock:second']) {
      const lock = await acquireLock(redis, lab.redis.key(name), { ttlMs: 5_000, waitMs: 0 });
      expect(lock, `acquireLock on the free key ${lab.redis.key(name)} returned null; expected a Lock`).not.toBeNull();
      const state = await lockState(lock!.key);
      expect(state.value, `Redis shows ${state.shown}; expected the value to be the token acquireLock returned ("${lock!.token}").\n${OWNER_IDEA}`).toBe(lock!.token);
      expect(
        state.pttlMs > 0 && state.pttlMs <= 5_000,
        `Redis shows ${state.shown}; expected a PTTL between 1 and 5000 ms (ttlMs). Without a TTL, a holder that crashes leaves the lock for ever (${LESSON}, "A lock with an owner").`,
      ).toBe(true);
      locks.push(lock!);
    }
    expect(
      locks[0]!.token,
      `Two acquisitions both hold the token "${locks[0]!.token}". A constant cannot tell one owner from another, so any process could release any lock.\n${OWNER_IDEA}`,
    ).not.toBe(locks[1]!.token);
  });

  it('04.2 waiting for a held lock is bounded: it gets the lock if freed in time, or gives up with null', async () => {
    const [a, b] = [lab.redis.client(), lab.redis.client()];
    const key = lab.redis.key('lock:wait');
    const idea = `acquireLock retries while the lock is held, for at most waitMs, then returns null so the caller can fall back. Retrying for ever ties every waiter to a holder that may have hung (${LESSON}, "Waiting, with a bound").`;
    const lockA = await acquireLock(a, key, { ttlMs: 5_000, waitMs: 0 });
    const released = sleep(50).then(() => releaseLock(a, lockA!));
    const lockB = await expectSettlesWithin(acquireLock(b, key, { ttlMs: 5_000, waitMs: 2_000 }), 4_000, 'B waiting up to 2 s for a lock A frees after 50 ms', idea);
    await released;
    expect(lockB, `A released its lock after 50 ms, B was allowed to wait 2 s, and got null. Retry until waitMs has passed.\n${idea}`).not.toBeNull();

    const gaveUp = await expectSettlesWithin(
      acquireLock(a, key, { ttlMs: 5_000, waitMs: 100 }),
      2_000,
      'A waiting (waitMs 100) for a lock B holds for 5 s',
      idea,
    );
    expect(gaveUp, `B holds the lock for 5 s; A, allowed to wait 100 ms, should give up with null.\n${idea}`).toBeNull();
    const state = await lockState(key);
    expect(state.value, `Redis shows ${state.shown}; giving up must leave B's lock as it was.\n${idea}`).toBe(lockB!.token);
  });
});

describe('only the owner acts on a lock', () => {
  it("04.3 release is compare-and-delete in one step: A's late release leaves B's lock in place", async () => {
    const late = await takeoverAfterStall('lock:late-release');
    const released = await releaseLock(late.a, late.lockA);
    const state = await lockState(late.key);
    expect(state.value, `A stalled past its 100 ms TTL, B took the lock, then A released. Redis shows ${state.shown}; expected B's token "${late.lockB.token}".\n${OWNER_IDEA}`).toBe(
      late.lockB.token,
    );
    expect(released, 'releaseLock should return false when the lock is no longer yours').toBe(false);
    expect(await releaseLock(late.b, late.lockB), "B's own release should return true").toBe(true);
    expect((await lockState(late.key)).value, "after B's release the lock key should be gone").toBeNull();

    const paused = await stallInsideCall('lock:paused-release', (a, lock) => releaseLock(a, lock));
    if (paused.split) {
      expect(
        paused.state.value,
        `A's release was paused between its commands, its lock expired and B took it; then the release went on. Redis shows ${paused.state.shown}; expected B's token "${paused.lockB?.token}". A GET followed by a DEL leaves a gap in which the lock changes hands; compare and delete in one script.\n${OWNER_IDEA}`,
      ).toBe(paused.lockB?.token);
    } else {
      expect(paused.state.value, `A released its own, still valid lock in one command; Redis shows ${paused.state.shown}, expected the key gone.`).toBeNull();
    }
  });

  it("04.4 only the owner may extend a lock: A's late extend leaves B's TTL alone", async () => {
    const late = await takeoverAfterStall('lock:late-extend');
    const extended = await extendLock(late.a, late.lockA, 60_000);
    let state = await lockState(late.key);
    expect(state.pttlMs, `A stalled, B took the lock with a ${B_TTL_MS} ms TTL, then A extended "its" lock to 60 s. Redis shows ${state.shown}; expected B's TTL (at most ${B_TTL_MS} ms) untouched.\n${OWNER_IDEA}`).toBeLessThanOrEqual(
      B_TTL_MS,
    );
    expect(extended, 'extendLock should return false when the lock is no longer yours').toBe(false);
    expect(await extendLock(late.b, late.lockB, 60_000), "B's own extend should return true").toBe(true);
    state = await lockState(late.key);
    expect(state.pttlMs, `After B extended its own lock to 60 s, Redis shows ${state.shown}; expected a PTTL above ${B_TTL_MS} ms.`).toBeGreaterThan(B_TTL_MS);

    const paused = await stallInsideCall('lock:paused-extend', (a, lock) => extendLock(a, lock, 60_000));
    if (paused.split) {
      expect(
        paused.state.pttlMs,
        `A's extend was paused between its commands, its lock expired and B took it (${B_TTL_MS} ms TTL); then the extend went on. Redis shows ${paused.state.shown}; expected B's TTL untouched. A GET followed by a PEXPIRE leaves a gap in which the lock changes hands; compare and extend in one script.\n${OWNER_IDEA}`,
      ).toBeLessThanOrEqual(B_TTL_MS);
    } else {
      expect(paused.state.value, `A extended its own, still valid lock in one command; Redis shows ${paused.state.shown}, expected A's token.`).toBe(paused.lockA.token);
    }
  });
});
