/**
 * Mistake: without an injected clock, each app server's Date.now()
 * Replaces: limiter.ts
 * Caught by: 10.13
 *
 * Passing the time into the script is how the suite's clock gets in, so falling back to
 * Date.now() when no clock is injected looks like the obvious default. In production that
 * is each app server's own clock, and clocks drift: an instance running slow records
 * requests in the past, where the next instance's trim removes them, and the caller gets
 * in again early. Without an injected clock, let the script read Redis's TIME: one clock
 * for every instance.
 */
import type { Limiter, LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  return createRealLimiter({ ...options, now: options.now ?? (() => Date.now()) });
}
