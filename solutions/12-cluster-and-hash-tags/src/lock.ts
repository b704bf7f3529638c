import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { runScript } from './run-script.js';

// #region lock
/** Takes the lock if it is free, retrying for at most `waitMs`; null when it stays taken. */
export async function acquireLock(
  redis: Cluster,
  key: string,
  { ttlMs, waitMs }: LockOptions,
): Promise<Lock | null> {
  const lock = { key, token: randomUUID() };
  const deadline = Date.now() + waitMs;
  let pauseMs = 4;
  // One key, one command: the cluster routes SET NX PX to the primary of the key's slot.
  while ((await redis.set(key, lock.token, 'PX', ttlMs, 'NX')) !== 'OK') {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return null;
    // Growing, jittered pauses, so waiters drift apart instead of polling in step.
    await sleep(Math.min(remaining, pauseMs * (0.5 + Math.random() / 2)));
    pauseMs = Math.min(pauseMs * 2, 80);
  }
  return lock;
}

/**
 * Acts on the lock only if it still holds the caller's token: releases it, or with `ttlMs`
 * gives it a new TTL. The compare and the act are one script, so the lock cannot pass to
 * someone else in between. The key is KEYS[1], never an ARGV: a script with no declared
 * key is sent to any node, which refuses a key it does not serve.
 */
async function ifStillHeld(redis: Cluster, lock: Lock, ttlMs?: number): Promise<boolean> {
  const script = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return redis.call('DEL', KEYS[1])`;
  const args = ttlMs === undefined ? [lock.token] : [lock.token, ttlMs];
  return (await runScript(redis, script, [lock.key], args)) === 1;
}

/** Deletes the lock if it is still ours. */
export function releaseLock(redis: Cluster, lock: Lock): Promise<boolean> {
  return ifStillHeld(redis, lock);
}

/** Sets a new TTL on the lock if it is still ours. */
export function extendLock(redis: Cluster, lock: Lock, ttlMs: number): Promise<boolean> {
  return ifStillHeld(redis, lock, ttlMs);
}
// #endregion lock
