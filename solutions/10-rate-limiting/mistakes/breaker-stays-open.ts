/**
 * Mistake: after five failures in a row, Redis is skipped for 30 seconds
 * Replaces: limiter.ts
 * Caught by: 10.11
 *
 * A circuit breaker is a respectable pattern: it spares a sick Redis the load and every
 * request the wait. Here it is wrong on both counts the README states: a failure is not
 * remembered, and a Redis that answers decides. For 30 seconds after it recovered, reads
 * and writes go unlimited (or logins are refused) although Redis would have answered, and
 * one burst of failures during a blip is enough to open it.
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
  let failuresInARow = 0;
  let skipUntil = 0;
  return {
    async hit(apiKey, routeClass) {
      if (Date.now() < skipUntil) {
        const error = new Error('circuit open: Redis skipped after repeated failures');
        return decideWithoutRedis(routeClass, policyFor(options, routeClass), error, log);
      }
      const decision = await limiter.hit(apiKey, routeClass);
      const failed = decision.outcome === 'failed-open' || decision.outcome === 'failed-closed';
      failuresInARow = failed ? failuresInARow + 1 : 0;
      if (failuresInARow >= 5) skipUntil = Date.now() + 30_000;
      return decision;
    },
  };
}
