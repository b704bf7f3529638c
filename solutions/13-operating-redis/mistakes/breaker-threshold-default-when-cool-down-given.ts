/**
 * Mistake: given only coolDownMs, the breaker opens after 3 failures, not the default 5
 * Replaces: resilient-cache.ts
 * Caught by: 13.10
 *
 * Someone who tunes the cool-down is taken to want a quicker breaker, so a tighter
 * threshold comes with it, and the defaults still hold when no breaker option is given.
 * But options left out take the README's defaults, field by field: a team that only
 * lengthened the cool-down now has a breaker that opens on three blips in a row.
 */
import type { CacheOptions, ResilientCache } from '../../../labs/13-operating-redis/src/contract.js';
import { createResilientCache as createRight } from '../src/resilient-cache.js';

export function createResilientCache(options: CacheOptions): ResilientCache {
  const breaker = options.breaker;
  return createRight({ ...options, breaker: breaker && breaker.failureThreshold === undefined ? { ...breaker, failureThreshold: 3 } : breaker });
}
