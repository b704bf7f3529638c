/**
 * Mistake: the release reads the token, then deletes, in two commands
 * Replaces: flight-lock.ts
 * Caught by: 11.19
 *
 * It does compare the token, so an expired holder no longer deletes a lock someone else
 * took long before its release. But between the GET that finds its own token and the DEL
 * there is a round trip: if the lock expires just then and another process takes it, the
 * DEL removes that process's lock, and a third one finds the question free and pays again.
 * The check and the delete must be one step on the server: a script.
 */
import type { Redis } from 'ioredis';
import type { FlightLock } from '../src/flight-lock.js';

export { tryLock, type FlightLock } from '../src/flight-lock.js';

export async function unlock(redis: Redis, lock: FlightLock): Promise<void> {
  if ((await redis.get(lock.key)) === lock.token) await redis.del(lock.key);
}
