/**
 * Mistake: the wait for Redis is capped at a second, whatever redisTimeoutMs says
 * Replaces: limiter.ts
 * Caught by: 10.14
 *
 * "Never hold a request longer than a second" protects the API from a configuration typo,
 * and every bound the other checks use is below it. But the option is the operator's
 * decision: a service whose Redis sits across a slow link sets 2 s on purpose, and a Redis
 * that answers in 1.2 s then fails open or closed on every request instead of deciding.
 */
import {
  DEFAULT_REDIS_TIMEOUT_MS,
  type Limiter,
  type LimiterOptions,
} from '../../../labs/10-rate-limiting/src/contract.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  const redisTimeoutMs = Math.min(options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS, 1_000);
  return createRealLimiter({ ...options, redisTimeoutMs });
}
