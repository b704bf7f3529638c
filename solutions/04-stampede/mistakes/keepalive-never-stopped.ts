/**
 * Mistake: the holder's extension timer is started but never stopped
 * Replaces: hold-lock.ts
 * Caught by: 04.19
 *
 * The keep-alive does its job: a slow load keeps its lock. Stopping the timer is the line
 * that is easy to leave out, because nothing breaks at once: once the lock is released
 * each tick's extendLock finds someone else's token (or none) and returns false. But every
 * load leaves a timer behind that sends a script to Redis every few seconds for the life
 * of the process, thousands of them on a busy key, each also keeping its closure (the page
 * and the loader) in memory. Stop it in the same `finally` that releases the lock.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';
import { extendLock, releaseLock } from '../src/lock.js';

export async function whileHolding<T>(redis: Redis, lock: Lock, ttlMs: number, work: () => Promise<T>): Promise<T> {
  const keepAlive = setInterval(() => {
    extendLock(redis, lock, ttlMs).catch(() => {});
  }, Math.max(1, Math.floor(ttlMs / 3)));
  keepAlive.unref();
  try {
    return await work();
  } finally {
    await releaseLock(redis, lock).catch(() => {});
  }
}
