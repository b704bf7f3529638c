/**
 * Mistake: extendLock never shortens a lock (PEXPIRE ... GT)
 * Replaces: lock.ts
 * Caught by: 04.4
 *
 * "An extend can only make the lock last longer" sounds like a safe reading of the word.
 * But the holder is the one who knows how long it still needs: asked for less than is
 * left, this extend reports false, as if the lock had been lost, and leaves every waiter
 * outside for the rest of the old TTL.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';

export { acquireLock, releaseLock } from '../src/lock.js';

const EXTEND_LONGER = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2], 'GT')
end
return 0`;

export async function extendLock(redis: Redis, lock: Lock, ttlMs: number): Promise<boolean> {
  return (await redis.eval(EXTEND_LONGER, 1, lock.key, lock.token, ttlMs)) === 1;
}
