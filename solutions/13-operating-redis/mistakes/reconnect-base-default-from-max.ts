/**
 * Mistake: baseDelayMs left out defaults to maxDelayMs / 40
 * Replaces: resilient-cache.ts
 * Caught by: 13.5
 *
 * 2 000 / 40 is the README's 50, so with no reconnect options at all nothing shows. Given
 * `{ maxDelayMs: 120 }`, the first delay becomes 3 ms: a default the README gives as a
 * number is that number, whatever the other field says.
 */
import { type CacheOptions, DEFAULT_RECONNECT, type ResilientCache } from '../../../labs/13-operating-redis/src/contract.js';
import { createResilientCache as right } from '../src/resilient-cache.js';

export function createResilientCache(options: CacheOptions): ResilientCache {
  const maxDelayMs = options.reconnect?.maxDelayMs ?? DEFAULT_RECONNECT.maxDelayMs;
  return right({ ...options, reconnect: { baseDelayMs: options.reconnect?.baseDelayMs ?? maxDelayMs / 40, maxDelayMs } });
}
