/**
 * Mistake: latencies and the cool-down are timed with Date.now(), whatever `now` says
 * Replaces: resilient-cache.ts
 * Caught by: 13.9, 13.12
 *
 * Real time is what latency is. But the clock is an option so that the figures can be
 * checked; ignored, the suite's reads all take 0 ms and the breaker never cools down.
 */
import type { CacheOptions, ResilientCache } from '../../../labs/13-operating-redis/src/contract.js';
import { createResilientCache as right } from '../src/resilient-cache.js';

export function createResilientCache(options: CacheOptions): ResilientCache {
  return right({ ...options, now: Date.now });
}
