/**
 * Mistake: the lock is taken with SET NX and PEXPIRE in one transaction
 * Replaces: flight-lock.ts
 * Caught by: 11.12, 11.13
 *
 * MULTI ... EXEC runs both commands as one, so the lock never exists without its TTL,
 * which is what "in the same command" was meant to ensure. But the PEXPIRE runs whether
 * or not the SET won: every waiter's try resets the holder's lock to the full lockTtlMs.
 * While anyone waits, a dead holder's lock never expires, and the waiters only get free
 * by giving up after lockWaitMs, each paying for its own call. SET ... PX ... NX sets the
 * TTL only when it takes the lock.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { FlightLock } from '../src/flight-lock.js';

export { unlock, type FlightLock } from '../src/flight-lock.js';

export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<FlightLock | null> {
  const token = randomUUID();
  const replies = await redis.multi().set(key, token, 'NX').pexpire(key, ttlMs).exec();
  const [error, taken] = replies?.[0] ?? [new Error('the transaction was aborted'), null];
  if (error) throw error;
  return taken === 'OK' ? { key, token } : null;
}
