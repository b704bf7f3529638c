/**
 * Mistake: the lock's TTL is set in whole seconds, rounded up
 * Replaces: lock.ts
 * Caught by: 12.9
 *
 * SET ... EX is the form a page uses, and rounding up never lets a lock expire early. But
 * the caller asked for milliseconds: a lockTtlMs of 2 500 holds the lock 3 000 ms, and a
 * short TTL (say 200 ms, for a fast render) becomes a whole second of every waiter's time
 * when its loader dies.
 */
import type { Cluster } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { acquireLock as acquireInMilliseconds, releaseLock } from '../src/lock.js';

export { releaseLock };

const wholeSeconds = (ms: number) => Math.ceil(ms / 1000) * 1000;

export function acquireLock(redis: Cluster, key: string, options: LockOptions): Promise<Lock | null> {
  return acquireInMilliseconds(redis, key, { ...options, ttlMs: wholeSeconds(options.ttlMs) });
}

export async function extendLock(redis: Cluster, lock: Lock, ttlMs: number): Promise<boolean> {
  const script = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end return redis.call('EXPIRE', KEYS[1], ARGV[2])";
  return (await redis.eval(script, 1, lock.key, lock.token, Math.ceil(ttlMs / 1000))) === 1;
}
