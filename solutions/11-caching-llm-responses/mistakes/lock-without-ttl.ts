/**
 * Mistake: the lock is taken with SET NX and no expiry
 * Replaces: flight-lock.ts
 * Caught by: 11.12
 *
 * The holder deletes the lock in a finally, so in every test that finishes the lock goes
 * away. A holder that dies (a deploy, an OOM kill) never reaches its finally: the lock
 * then stays for ever, and every later miss on that question waits lockWaitMs and pays
 * anyway. The TTL is what frees a dead holder's lock.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { FlightLock } from '../src/flight-lock.js';

export { unlock, type FlightLock } from '../src/flight-lock.js';

export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<FlightLock | null> {
  void ttlMs;
  const token = randomUUID();
  return (await redis.set(key, token, 'NX')) === 'OK' ? { key, token } : null;
}
