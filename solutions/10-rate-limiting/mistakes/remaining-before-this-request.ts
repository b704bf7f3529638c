/**
 * Mistake: RateLimit-Remaining does not count the request being answered
 * Replaces: limiter.ts
 * Caught by: 10.8, 10.14
 *
 * The count from Redis is taken as "requests so far" and the remaining budget is the
 * limit minus that, plus this request as if it were still to come. The client then reads
 * one more request than it has: at the last admitted request it is told 1 remains, and
 * the next one, which it was promised, gets a 429.
 */
import type { Limiter, LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  const limiter = createRealLimiter(options);
  return {
    async hit(apiKey, routeClass) {
      const decision = await limiter.hit(apiKey, routeClass);
      if (decision.outcome !== 'allowed') return decision;
      return { ...decision, remaining: decision.remaining + 1 };
    },
  };
}
