/**
 * Mistake: logins always run on Redis's clock, ignoring the injected one
 * Replaces: limiter.ts
 * Caught by: 10.4, 10.5, 10.6, 10.9
 *
 * Logins guard accounts, so pinning them to the one clock no app server can skew sounds
 * like extra safety. But `now` is the clock the limiter was given, for every class: a
 * test, a replay or a simulation that moves it sees reads and writes follow it while
 * logins stay on the wall clock, and a login window the caller was told had freed is
 * still full.
 */
import type { Limiter, LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  const onGivenClock = createRealLimiter(options);
  const onRedisClock = createRealLimiter({ ...options, now: undefined });
  return {
    hit: (apiKey, routeClass) => (routeClass === 'login' ? onRedisClock : onGivenClock).hit(apiKey, routeClass),
  };
}
