/**
 * Mistake: lockTtlMs is never allowed below one second
 * Replaces: flight-lock.ts
 * Caught by: 11.19
 *
 * A lock shorter than a second looks like a misconfiguration (a model call takes seconds),
 * so a floor seems a kindness. But the option is the operator's: a lock of 200 ms set on
 * purpose, for a model behind a fast local gateway, now holds the others off five times
 * as long when its holder dies. And a floor only shows with short values, the ones no
 * default exercises. lockTtlMs as given, in milliseconds.
 */
import type { Redis } from 'ioredis';
import { tryLock as exact } from '../src/flight-lock.js';

export { unlock, type FlightLock } from '../src/flight-lock.js';

export function tryLock(redis: Redis, key: string, ttlMs: number) {
  return exact(redis, key, Math.max(ttlMs, 1_000));
}
