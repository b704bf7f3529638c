/**
 * Mistake: maxDelayMs left out defaults to 40 × baseDelayMs
 * Replaces: resilient-cache.ts
 * Caught by: 13.5
 *
 * 40 × 50 is the README's 2 000, so with no reconnect options at all nothing shows. Given
 * `{ baseDelayMs: 3 }`, the cap becomes 120 ms: a default the README gives as a number
 * is that number, whatever the other field says.
 */
import { type CacheOptions, DEFAULT_RECONNECT, type ResilientCache } from '../../../labs/13-operating-redis/src/contract.js';
import { createResilientCache as right } from '../src/resilient-cache.js';

export function createResilientCache(options: CacheOptions): ResilientCache {
  const baseDelayMs = options.reconnect?.baseDelayMs ?? DEFAULT_RECONNECT.baseDelayMs;
  return right({ ...options, reconnect: { baseDelayMs, maxDelayMs: options.reconnect?.maxDelayMs ?? 40 * baseDelayMs } });
}
