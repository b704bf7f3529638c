/**
 * Mistake: the command timeout defaults to a "safe" 2 seconds
 * Replaces: resilient-cache.ts
 * Caught by: 13.3
 *
 * Two seconds feels generous enough never to cut off a healthy Redis. For a cache it is
 * ten times the budget: a stalled Redis adds two seconds to every request until the
 * breaker opens, and a database answers most reads faster than that.
 */
import type { CacheOptions, ResilientCache } from '../../../labs/13-operating-redis/src/contract.js';
import { createResilientCache as right } from '../src/resilient-cache.js';

export function createResilientCache(options: CacheOptions): ResilientCache {
  return right({ ...options, commandTimeoutMs: options.commandTimeoutMs ?? 2_000 });
}
