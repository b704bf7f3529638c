/**
 * Mistake: a busy Redis is given at least a second, whatever redisTimeoutMs says
 * Replaces: limiter.ts
 * Caught by: 10.14
 *
 * A floor looks like protection against a bound set too tight, which would fail requests
 * that Redis was about to answer. But the option is the longest a decision may wait: an
 * API that sets 50 ms, or keeps the 250 ms default, to keep its own latency, now holds
 * requests up to a second behind a stalled Redis, and a reply that came after the bound
 * decides when the policy should have.
 */
import {
  DEFAULT_REDIS_TIMEOUT_MS,
  type Limiter,
  type LimiterOptions,
} from '../../../labs/10-rate-limiting/src/contract.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  const redisTimeoutMs = Math.max(options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS, 1_000);
  return createRealLimiter({ ...options, redisTimeoutMs });
}
