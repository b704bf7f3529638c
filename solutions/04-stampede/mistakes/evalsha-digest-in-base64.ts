/**
 * Mistake: the scripts' digests are taken in base64, so every EVALSHA misses and falls back to EVAL
 * Replaces: lock.ts
 * Caught by: 04.21
 *
 * EVALSHA with an EVAL fallback on NOSCRIPT is the right shape, and every release and extend
 * gives the right answer, through the fallback. But Redis names a script by the SHA-1 of
 * its text in hex; a digest in base64 (or one taken over a differently trimmed text) never
 * matches. Each call then costs EVALSHA, a NOSCRIPT error and an EVAL with the whole script:
 * two round trips where one was the point, and no error anywhere to show it. After the
 * fallback has run once, the server has the script: the next EVALSHA must find it.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';

export { acquireLock } from '../src/lock.js';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const digestOf = (script: string) => createHash('sha1').update(script).digest('base64');

const run = (redis: Redis, script: string, key: string, ...args: (string | number)[]) =>
  redis
    .evalsha(digestOf(script), 1, key, ...args)
    .catch((error: unknown) => (String(error).includes('NOSCRIPT') ? redis.eval(script, 1, key, ...args) : Promise.reject(error)));

export async function releaseLock(redis: Redis, lock: Lock): Promise<boolean> {
  return (await run(redis, RELEASE, lock.key, lock.token)) === 1;
}

export async function extendLock(redis: Redis, lock: Lock, ttlMs: number): Promise<boolean> {
  return (await run(redis, EXTEND, lock.key, lock.token, ttlMs)) === 1;
}
