/**
 * Mistake: without an injected clock, reads and writes take Date.now(); only logins read TIME
 * Replaces: limiter.ts
 * Caught by: 10.13
 *
 * Logins, the class that guards accounts, are on Redis's clock, and for reads and writes
 * the app server's clock looks close enough: a few milliseconds of drift hardly matter to
 * a budget per minute. But clocks drift by minutes too: an instance running slow records
 * requests in the past, where the next instance's trim removes them, and the caller gets
 * its reads and writes back at once. Without `now`, every class reads TIME in the script.
 */
import type { Limiter, LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  const onRedisClock = createRealLimiter(options);
  const onAppClock = createRealLimiter({ ...options, now: options.now ?? (() => new Date().getTime()) });
  return {
    hit: (apiKey, routeClass) => (routeClass === 'login' ? onRedisClock : onAppClock).hit(apiKey, routeClass),
  };
}
