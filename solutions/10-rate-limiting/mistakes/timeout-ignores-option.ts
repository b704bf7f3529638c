/**
 * Mistake: the wait for Redis is always the default
 * Replaces: limiter.ts
 * Caught by: 10.14
 *
 * The bound is there and the README's default is right, so every outage check passes. But
 * redisTimeoutMs is ignored: a service that sets a longer bound, because its Redis sits
 * across a slower network, fails open or closed on every hiccup of a Redis that was about
 * to answer.
 */
import type { Limiter, LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  // Without the option the real limiter waits DEFAULT_REDIS_TIMEOUT_MS.
  return createRealLimiter({ ...options, redisTimeoutMs: undefined });
}
