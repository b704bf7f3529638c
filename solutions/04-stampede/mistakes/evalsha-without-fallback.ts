/**
 * Mistake: the lock's scripts are loaded once with SCRIPT LOAD and then only ever run with EVALSHA
 * Replaces: lock.ts
 * Caught by: 04.21
 *
 * Loading each script once and sending 40 bytes of SHA afterwards is the textbook
 * optimisation, and it works for as long as the server keeps its script cache. That cache
 * is not data: a restart, a failover to a replica that never saw SCRIPT LOAD, or a SCRIPT
 * FLUSH empties it, and every EVALSHA from then on fails with NOSCRIPT. This process still
 * believes its scripts are loaded, so no lock is ever released or extended again: each one
 * lives out its TTL, and every miss waits. On NOSCRIPT, fall back to EVAL.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';

export { acquireLock } from '../src/lock.js';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const loaded = new Map<string, Promise<string>>();

function digestOf(redis: Redis, script: string): Promise<string> {
  let digest = loaded.get(script);
  if (!digest) {
    digest = redis.script('LOAD', script) as Promise<string>;
    loaded.set(script, digest);
  }
  return digest;
}

export async function releaseLock(redis: Redis, lock: Lock): Promise<boolean> {
  return (await redis.evalsha(await digestOf(redis, RELEASE), 1, lock.key, lock.token)) === 1;
}

export async function extendLock(redis: Redis, lock: Lock, ttlMs: number): Promise<boolean> {
  return (await redis.evalsha(await digestOf(redis, EXTEND), 1, lock.key, lock.token, ttlMs)) === 1;
}
