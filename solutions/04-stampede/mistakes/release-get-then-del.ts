/**
 * Mistake: release checks the owner with GET, then deletes with DEL: two commands
 * Replaces: lock.ts
 * Caught by: 04.3
 *
 * It does compare the token, so a plain late release no longer deletes the next owner's
 * lock, and the code reads exactly like the rule "delete it only if it is mine". But the
 * lock can expire and pass to another process between the GET and the DEL (a GC pause,
 * a slow network hop), and the DEL then removes the new owner's lock. The comparison and
 * the delete have to happen in one step on the server: a Lua script.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';

export { acquireLock, extendLock } from '../src/lock.js';

export async function releaseLock(redis: Redis, lock: Lock): Promise<boolean> {
  const holder = await redis.get(lock.key);
  if (holder !== lock.token) return false;
  return (await redis.del(lock.key)) > 0;
}
