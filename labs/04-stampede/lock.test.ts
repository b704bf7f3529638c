// Lab 04 checks, part 1: the lock. Run: npm test labs/04-stampede
// Processes A and B are two module instances of lock.ts, each with its own connection: they
// share Redis and nothing else. The suite drives the lock module directly.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { ForgottenScripts } from '../../harness/lab/forgotten-scripts.js';
import { interleave } from '../../harness/lab/interleave.js';
import { SCRIPT_CALLS } from '../../harness/lab/monitor.js';
import { serverCommandsDuring, type ServerCommand } from '../../harness/lab/server-commands.js';
import { between, leastTtlLeft } from '../../harness/lab/teach.js';
import { tokenBits } from '../../harness/lab/token-bits.js';
import { useLab } from '../../harness/lab/use-lab.js';
import type { Lock } from './src/contract.js';
import { LESSON, lockChecks, type Process } from './lock.support.js';

const lab = useLab('04');
const B_TTL_MS = 2_000; // B's lock: long enough to outlive the check, short enough to tell from 60 s
const OWNER_IDEA = `A lock's value is its owner's token, random per acquisition. Release and extend compare it and act in one step (a Lua script), so a holder whose lock expired and passed to someone else can no longer touch it (${LESSON}, "A lock with an owner").`;

const { twoProcesses, lockState } = lockChecks(lab);

/** A takes a 30 ms lock and stalls 60 ms (a GC pause, a slow query): it expires, and B takes the key over. */
async function takeoverAfterStall(name: string) {
  const { a, b } = await twoProcesses();
  const key = lab.redis.key(name);
  const lockA = await a.lock.acquireLock(a.redis, key, { ttlMs: 30, waitMs: 0 });
  expect(lockA, `acquireLock(A, "${key}") on a free key returned null; expected a Lock`).not.toBeNull();
  await sleep(60);
  const lockB = await b.lock.acquireLock(b.redis, key, { ttlMs: B_TTL_MS, waitMs: 0 });
  expect(lockB, `A's 30 ms lock had expired after 60 ms, so B should get it; acquireLock returned null`).not.toBeNull();
  return { a, b, key, lockA: lockA!, lockB: lockB! };
}

/**
 * A holds a lock that cannot expire during the check, and starts `act` on it. If `act`
 * sends more than one command, the check stops A in the first gap between them (after a
 * reply, before the next command) and lets the lock change hands there: A's lock expires
 * (the check deletes it, as its TTL would) and B takes the key. A check-then-act in two
 * commands (GET, then DEL or PEXPIRE) is caught in the middle, every run; a single Lua
 * script leaves no gap at all.
 */
async function stallInsideCall(name: string, act: (a: Process, lock: Lock) => Promise<unknown>) {
  const { a, b } = await twoProcesses();
  const key = lab.redis.key(name);
  const lockA = await a.lock.acquireLock(a.redis, key, { ttlMs: 10_000, waitMs: 0 });
  expect(lockA, `acquireLock(A, "${key}") on a free key returned null; expected a Lock`).not.toBeNull();
  let lockB: Lock | null = null;
  let handedOver = false;
  const gaps = interleave(a.redis, async () => {
    if (handedOver) return;
    handedOver = true;
    await lab.redis.admin.del(key); // A's lock expires here
    // waitMs 0 means one try; the race only keeps a lock that ignores waitMs from hanging the check.
    lockB = await Promise.race([b.lock.acquireLock(b.redis, key, { ttlMs: B_TTL_MS, waitMs: 0 }), sleep(1_000).then(() => null)]);
  });
  let outcome: unknown;
  try {
    outcome = await act(a, lockA!);
  } finally {
    gaps.stop();
  }
  if (handedOver) expect(lockB, `A's call sent several commands; in the gap A's lock expired, so B should have taken it`).not.toBeNull();
  return { key, lockA: lockA!, lockB: lockB as Lock | null, split: handedOver, outcome, state: await lockState(key) };
}

/** Commands on `key` named in `names` that the server ran on their own: not inside a script, not inside MULTI ... EXEC. */
function unguarded(commands: ServerCommand[], key: string, names: string[]): ServerCommand[] {
  const inTransaction = new Set<string>();
  return commands.filter((command) => {
    if (command.source === 'lua') return false;
    if (command.name === 'MULTI') inTransaction.add(command.source);
    if (command.name === 'EXEC' || command.name === 'DISCARD') inTransaction.delete(command.source);
    return names.includes(command.name) && command.args[0] === key && !inTransaction.has(command.source);
  });
}
const shownCommands = (commands: ServerCommand[]) => commands.map((c) => [c.name, ...c.args].join(' ')).join('; ');

describe('a lock with an owner', () => {
  it('04.1 a lock is one key holding a fresh owner token, with a TTL', async () => {
    const { a } = await twoProcesses();
    const locks: Lock[] = [];
    for (const [name, ttlMs] of [['lock:first', 5_000], ['lock:second', 1_500]] as const) {
      const sent = performance.now();
      const lock = await a.lock.acquireLock(a.redis, lab.redis.key(name), { ttlMs, waitMs: 0 });
      expect(lock, `acquireLock on the free key ${lab.redis.key(name)} returned null; expected a Lock`).not.toBeNull();
      expect(lock!.key, `acquireLock returned a Lock for "${lock!.key}"; expected the key it was asked for`).toBe(lab.redis.key(name));
      const state = await lockState(lock!.key);
      expect(state.value, `Redis shows ${state.shown}; expected the value to be the token acquireLock returned ("${lock!.token}").\n${OWNER_IDEA}`).toBe(lock!.token);
      // Every millisecond the PTTL lacks from ttlMs must have passed since the call was sent.
      const least = leastTtlLeft(ttlMs, sent);
      expect(
        state.pttlMs >= least && state.pttlMs <= ttlMs,
        `Redis shows ${state.shown}; acquireLock was given ttlMs ${ttlMs}, so expected a PTTL of at most ${ttlMs} ms and at least ${least} (ttlMs less the time since the call): the whole ttlMs, in milliseconds (PX). Without a TTL, a holder that crashes leaves the lock for ever; with the wrong one, it frees too early or too late (${LESSON}, "A lock with an owner").`,
      ).toBe(true);
      locks.push(lock!);
    }
    expect(
      locks[0]!.token,
      `Two acquisitions both hold the token "${locks[0]!.token}". A constant cannot tell one owner from another, so any process could release any lock.\n${OWNER_IDEA}`,
    ).not.toBe(locks[1]!.token);
  });

  it('04.14 lock tokens are unique across processes and unguessable', async () => {
    const { a, b } = await twoProcesses();
    const idea = `A token proves ownership only if no other acquisition, in this process or any other, can hold the same one, and nobody can predict it: a random value from node:crypto (randomUUID(), or 16 random bytes), new for each acquisition. A counter or a clock repeats in the next process, and Math.random() can be predicted (${LESSON}, "A lock with an owner").`;
    // Math.random held still while the locks are taken: a token from it repeats, one from node:crypto does not.
    const still = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    onTestFinished(() => still.mockRestore());
    const attempts = [a, b].flatMap((p, n) =>
      Array.from({ length: 20 }, (_, i) => p.lock.acquireLock(p.redis, lab.redis.key(`lock:token:${n}:${i}`), { ttlMs: 5_000, waitMs: 0 })),
    );
    const locks = await Promise.all(attempts);
    still.mockRestore();
    expect(locks.every(Boolean), `Some of 40 acquisitions of free keys returned null; expected a Lock each.`).toBe(true);
    const tokens = locks.map((lock) => lock!.token);
    const repeated = tokens.filter((token, i) => tokens.indexOf(token) !== i);
    expect(repeated, `Processes A and B (two module instances) each took 20 locks, with Math.random held still (it always answered 0.5); these tokens were handed out more than once: ${[...new Set(repeated)].slice(0, 3).join(', ')}.\n${idea}`).toEqual([]);
    const { bits, shortest, symbols } = tokenBits([tokens.slice(0, 20), tokens.slice(20)]);
    expect(
      bits,
      `Tokens such as ${tokens.slice(0, 3).map((t) => `"${t}"`).join(', ')} (one process's) differ from one another in at most ${shortest} characters drawn from ${symbols} symbols: about ${bits} bits. Expected at least 64 bits of randomness per token.\n${idea}`,
    ).toBeGreaterThanOrEqual(64);
  });
});

describe('only the owner acts on a lock', () => {
  it("04.3 release is compare-and-delete in one step: A's late release leaves B's lock in place", async () => {
    const late = await takeoverAfterStall('lock:late-release');
    const released = await late.a.lock.releaseLock(late.a.redis, late.lockA);
    const state = await lockState(late.key);
    expect(state.value, `A stalled past its 30 ms TTL, B took the lock, then A released. Redis shows ${state.shown}; expected B's token "${late.lockB.token}".\n${OWNER_IDEA}`).toBe(late.lockB.token);
    expect(released, 'releaseLock should return false when the lock is no longer yours').toBe(false);

    const own = await serverCommandsDuring(lab.redis, () => late.b.lock.releaseLock(late.b.redis, late.lockB));
    expect(own.result, "B's own release should return true").toBe(true);
    expect((await lockState(late.key)).value, "after B's release the lock key should be gone").toBeNull();
    const loose = unguarded(own.commands, late.key, ['DEL', 'UNLINK', 'GETDEL']);
    expect(
      loose.length,
      `To release, the server ran ${shownCommands(own.commands)}: the delete (${shownCommands(loose)}) was a command of its own, so whether the lock was still yours was decided in your process, a round trip earlier. Compare and delete in one step on the server: a Lua script.\n${OWNER_IDEA}`,
    ).toBe(0);

    const paused = await stallInsideCall('lock:paused-release', (a, lock) => a.lock.releaseLock(a.redis, lock));
    if (paused.split) {
      expect(
        paused.state.value,
        `A's release was stopped between its commands, its lock expired and B took it; then the release went on. Redis shows ${paused.state.shown}; expected B's token "${paused.lockB?.token}". A GET followed by a DEL leaves a gap in which the lock changes hands; compare and delete in one script.\n${OWNER_IDEA}`,
      ).toBe(paused.lockB?.token);
    } else {
      expect(paused.state.value, `A released its own, still valid lock in one command; Redis shows ${paused.state.shown}, expected the key gone.`).toBeNull();
      expect(paused.outcome, 'releasing your own, still valid lock should return true').toBe(true);
    }
  });

  it("04.4 only the owner may extend a lock: A's late extend leaves B's TTL alone", async () => {
    const late = await takeoverAfterStall('lock:late-extend');
    const extended = await late.a.lock.extendLock(late.a.redis, late.lockA, 60_000);
    let state = await lockState(late.key);
    expect(state.value, `A stalled, B took the lock, then A extended "its" lock. Redis shows ${state.shown}; expected B's token "${late.lockB.token}" untouched.\n${OWNER_IDEA}`).toBe(late.lockB.token);
    expect(state.pttlMs, `A stalled, B took the lock with a ${B_TTL_MS} ms TTL, then A extended "its" lock to 60 s. Redis shows ${state.shown}; expected B's TTL (at most ${B_TTL_MS} ms) untouched.\n${OWNER_IDEA}`).toBeLessThanOrEqual(B_TTL_MS);
    expect(extended, 'extendLock should return false when the lock is no longer yours').toBe(false);

    const extending = performance.now();
    const own = await serverCommandsDuring(lab.redis, () => late.b.lock.extendLock(late.b.redis, late.lockB, 60_000));
    expect(own.result, "B's own extend should return true").toBe(true);
    state = await lockState(late.key);
    expect(state.value, `After B extended its own lock, Redis shows ${state.shown}; expected B's token.`).toBe(late.lockB.token);
    const least = leastTtlLeft(60_000, extending);
    expect(state.pttlMs >= least && state.pttlMs <= 60_000, `After B extended its own lock to 60 s, Redis shows ${state.shown}; expected a PTTL of at most 60000 ms and at least ${least} (60000 less the time since the call): an extend grants the whole ttlMs it is given.`).toBe(true);
    const loose = unguarded(own.commands, late.key, ['PEXPIRE', 'EXPIRE', 'PEXPIREAT', 'EXPIREAT', 'SET', 'PSETEX', 'SETEX', 'GETEX']);
    expect(
      loose.length,
      `To extend, the server ran ${shownCommands(own.commands)}: the new expiry (${shownCommands(loose)}) was a command of its own, so whether the lock was still yours was decided in your process, a round trip earlier. Compare and extend in one step on the server: a Lua script.\n${OWNER_IDEA}`,
    ).toBe(0);
    // The whole ttlMs, also when it is shorter than what is left: the holder knows how long it still needs.
    const shorter = between(3_000, 5_000);
    const shortening = performance.now();
    const cut = await late.b.lock.extendLock(late.b.redis, late.lockB, shorter);
    state = await lockState(late.key);
    const leastShort = leastTtlLeft(shorter, shortening);
    expect(
      [cut, state.pttlMs >= leastShort && state.pttlMs <= shorter],
      `B held its lock with about 60 s left and extended it to ${shorter} ms: extendLock returned ${cut}, and Redis shows ${state.shown}; expected true and a PTTL between ${leastShort} and ${shorter} ms. An extend sets the TTL it is given (PEXPIRE, not PEXPIRE ... GT): a holder that finishes early shortens its lock so waiters are not kept out for nothing.\n${OWNER_IDEA}`,
    ).toEqual([true, true]);

    const paused = await stallInsideCall('lock:paused-extend', (a, lock) => a.lock.extendLock(a.redis, lock, 60_000));
    if (paused.split) {
      expect(
        paused.state.pttlMs,
        `A's extend was stopped between its commands, its lock expired and B took it (${B_TTL_MS} ms TTL); then the extend went on. Redis shows ${paused.state.shown}; expected B's TTL untouched. A GET followed by a PEXPIRE leaves a gap in which the lock changes hands; compare and extend in one script.\n${OWNER_IDEA}`,
      ).toBeLessThanOrEqual(B_TTL_MS);
      expect(paused.state.value, `Redis shows ${paused.state.shown}; expected B's token "${paused.lockB?.token}".\n${OWNER_IDEA}`).toBe(paused.lockB?.token);
    } else {
      expect(paused.state.value, `A extended its own, still valid lock in one command; Redis shows ${paused.state.shown}, expected A's token.`).toBe(paused.lockA.token);
      expect(paused.outcome, 'extending your own, still valid lock should return true').toBe(true);
    }
  });

  it('04.21 release and extend still work on a Redis that has forgotten its scripts (NOSCRIPT)', async () => {
    const { a } = await twoProcesses();
    const server = new ForgottenScripts();
    const forgetful = server.attach(lab.redis.client());
    const key = lab.redis.key('lock:no-script');
    // A lock that has released and extended once (each script run once), then the server restarts.
    const first = await a.lock.acquireLock(forgetful, key, { ttlMs: 5_000, waitMs: 0 });
    if (first) {
      await a.lock.extendLock(forgetful, first, 5_000).catch(() => {});
      await a.lock.releaseLock(forgetful, first).catch(() => {});
    }
    await lab.redis.admin.del(key);
    server.forget();
    const idea = `EVALSHA runs a script the server has cached. After a restart, a failover to a replica or a SCRIPT FLUSH the server answers NOSCRIPT, and a lock that only knows EVALSHA can no longer be released or extended: every lock then lives out its TTL. Fall back to EVAL on NOSCRIPT (ioredis's defineCommand does), or send EVAL (${LESSON}, "A lock with an owner").`;
    const lock = await a.lock.acquireLock(forgetful, key, { ttlMs: 5_000, waitMs: 0 });
    expect(lock, `acquireLock on a free key returned null; expected a Lock.`).not.toBeNull();
    const attempt = async <T>(what: string, work: () => Promise<T>) =>
      work().catch((error: unknown) => {
        throw new Error(`${what} on a Redis answering EVALSHA with NOSCRIPT rejected with "${String(error)}".\n${idea}`);
      });
    expect(await attempt('extendLock', () => a.lock.extendLock(forgetful, lock!, 20_000)), `extendLock of your own lock should return true. ${idea}`).toBe(true);
    let state = await lockState(key);
    expect(state.value === lock!.token && state.pttlMs > 10_000, `After extending to 20 s, Redis shows ${state.shown}; expected your token with a PTTL of up to 20000 ms. ${idea}`).toBe(true);
    expect(await attempt('releaseLock', () => a.lock.releaseLock(forgetful, lock!)), `releaseLock of your own lock should return true. ${idea}`).toBe(true);
    state = await lockState(key);
    expect(state.value, `After releasing, Redis shows ${state.shown}; expected the lock gone. ${idea}`).toBeNull();

    // The fallback is for a server that lost its scripts. On one that has them (after a first
    // round of each call), every release or extend is one script run: a digest that never
    // matches pays NOSCRIPT and a second round trip on every call.
    const healthy = a.redis;
    const warm = await a.lock.acquireLock(healthy, key, { ttlMs: 5_000, waitMs: 0 });
    expect(warm, `acquireLock on a free key, right after releasing your own lock there, returned null; expected a Lock.`).not.toBeNull();
    await a.lock.extendLock(healthy, warm!, 5_000);
    await a.lock.releaseLock(healthy, warm!);
    const again = await a.lock.acquireLock(healthy, key, { ttlMs: 5_000, waitMs: 0 });
    expect(again, `acquireLock on a free key, right after releasing your own lock there, returned null; expected a Lock.`).not.toBeNull();
    const calls = await serverCommandsDuring(lab.redis, async () => {
      await a.lock.extendLock(healthy, again!, 5_000);
      await a.lock.extendLock(healthy, again!, 5_000);
      return a.lock.releaseLock(healthy, again!);
    });
    expect(calls.result, `releaseLock of your own lock should return true.`).toBe(true);
    const scripts = calls.commands.filter((command) => command.source !== 'lua' && (SCRIPT_CALLS.has(command.name) || command.name === 'SCRIPT'));
    expect(
      scripts.length,
      `On a Redis that keeps its scripts, two extends and a release (each script already run once) made the server run ${scripts.map((c) => c.name).join(', ')}; expected one script call each, 3 in all. Does the digest you send with EVALSHA match the script (the SHA-1 of its exact text, in hex)? ${idea}`,
    ).toBeLessThanOrEqual(3);
  });
});
