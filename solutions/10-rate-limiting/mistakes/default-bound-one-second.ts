/**
 * Mistake: without redisTimeoutMs, a decision waits a second for Redis
 * Replaces: limiter.ts
 * Caught by: 10.14
 *
 * A second sounds like a cautious bound for a network call, and the option still works
 * when it is given. But the README's default is 250 ms: every request on a slow Redis now
 * waits four times as long before its policy applies, and a Redis answering after 400 ms,
 * which the default treats as failed, still decides.
 */
import type { Limiter, LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  return createRealLimiter({ ...options, redisTimeoutMs: options.redisTimeoutMs ?? 1_000 });
}
