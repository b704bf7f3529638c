/**
 * Mistake: the lock's TTL is set in whole seconds, rounded up
 * Replaces: flight-lock.ts
 * Caught by: 11.12
 *
 * EX is the TTL most examples show, and rounding up looks safe: the lock never expires
 * before lockTtlMs. But the option is in milliseconds for a reason: a lockTtlMs of 6500
 * becomes 7 s, so a holder that dies keeps everyone waiting half a second longer than
 * configured, and a short lockTtlMs (200 ms) becomes a whole second. PX takes it as given.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { FlightLock } from '../src/flight-lock.js';

export { unlock, type FlightLock } from '../src/flight-lock.js';

export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<FlightLock | null> {
  const token = randomUUID();
  const taken = await redis.set(key, token, 'EX', Math.ceil(ttlMs / 1000), 'NX');
  return taken === 'OK' ? { key, token } : null;
}
