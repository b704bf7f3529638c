/**
 * Mistake: after one failure, Redis is never asked again
 * Replaces: limiter.ts
 * Caught by: 10.11
 *
 * Remembering that Redis failed saves every later request the wait, which sounds like a
 * circuit breaker. But nothing ever closes this one: after one stalled command, every
 * request of the process is decided by the failure policy for the rest of its life, and
 * the limits stay lifted (or logins stay refused) long after Redis is back.
 */
import {
  policyFor,
  type Limiter,
  type LimiterOptions,
} from '../../../labs/10-rate-limiting/src/contract.js';
import { decideWithoutRedis, warn } from '../src/failure.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  const limiter = createRealLimiter(options);
  const log = options.log ?? warn;
  let redisFailed = false;
  return {
    async hit(apiKey, routeClass) {
      if (redisFailed) {
        const error = new Error('Redis failed before; not asking again');
        return decideWithoutRedis(routeClass, policyFor(options, routeClass), error, log);
      }
      const decision = await limiter.hit(apiKey, routeClass);
      if (decision.outcome === 'failed-open' || decision.outcome === 'failed-closed') redisFailed = true;
      return decision;
    },
  };
}
