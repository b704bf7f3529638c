import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

// #region acquire
/**
 * Takes the lock if it is free, retrying with jittered backoff for at most `waitMs`, then
 * gives up with null. The caller decides what to do instead; nobody waits forever for a
 * holder that may have died.
 */
export async function acquireLock(
  redis: Redis,
  key: string,
  { ttlMs, waitMs }: LockOptions,
): Promise<Lock | null> {
  // A new random token per acquisition: the value in Redis says who holds the lock.
  const token = randomUUID();
  const giveUpAt = performance.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    // NX: only if nobody holds it. PX: with its expiry, in the same command, so a holder
    // that crashes between two commands cannot leave a lock that never expires.
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return { key, token };
    const leftMs = giveUpAt - performance.now();
    if (leftMs <= 0) return null;
    await sleep(Math.min(leftMs, retryDelayMs(attempt)));
  }
}

/**
 * 5, 10, 20 ... ms, capped at 100, each drawn between half and all of that so waiters
 * drift apart.
 */
function retryDelayMs(attempt: number): number {
  const ceiling = Math.min(100, 5 * 2 ** attempt);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}
// #endregion acquire

// #region compare-and-act
// Compare the token and act in one step, on the server. As two commands (GET, then DEL)
// the lock could expire and pass to another owner in between, and the DEL would then
// delete the new owner's lock.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/**
 * Deletes the lock if it is still ours. False: it had expired, and may belong to someone
 * else now.
 */
export async function releaseLock(redis: Redis, lock: Lock): Promise<boolean> {
  return (await runScript(redis, RELEASE, lock.key, lock.token)) === 1;
}

/** Sets a new TTL on the lock if it is still ours; otherwise changes nothing, returns false. */
export async function extendLock(redis: Redis, lock: Lock, ttlMs: number): Promise<boolean> {
  return (await runScript(redis, EXTEND, lock.key, lock.token, ttlMs)) === 1;
}
// #endregion compare-and-act

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const digests = new Map([RELEASE, EXTEND].map((script) => [script, sha1(script)]));

/** EVALSHA sends 40 bytes instead of the script; the first call on a server that lacks it falls back to EVAL. */
async function runScript(
  redis: Redis,
  script: string,
  key: string,
  ...args: (string | number)[]
): Promise<unknown> {
  try {
    return await redis.evalsha(digests.get(script)!, 1, key, ...args);
  } catch (error) {
    if (!String(error).includes('NOSCRIPT')) throw error;
    return redis.eval(script, 1, key, ...args);
  }
}
