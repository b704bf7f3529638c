/**
 * Mistake: after thirty failures of a route class in a row, Redis is skipped for that class
 * Replaces: limiter.ts
 * Caught by: 10.11
 *
 * A breaker per class with a high threshold looks harmless: a short blip never opens it,
 * and a long outage spares Redis the load. But the README asks Redis on every request: a
 * failure is not remembered. After a long outage this one keeps deciding by the policy
 * for a whole cool-down while Redis answers again, so the limits stay lifted (or logins
 * stay refused) well after the incident is over.
 */
import {
  policyFor,
  type Limiter,
  type LimiterOptions,
  type RouteClass,
} from '../../../labs/10-rate-limiting/src/contract.js';
import { decideWithoutRedis, warn } from '../src/failure.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  const limiter = createRealLimiter(options);
  const failures = new Map<RouteClass, number>();
  const openUntil = new Map<RouteClass, number>();
  return {
    async hit(apiKey, routeClass) {
      if (Date.now() < (openUntil.get(routeClass) ?? 0)) {
        const skipped = new Error(`circuit open for ${routeClass}: Redis skipped`);
        return decideWithoutRedis(routeClass, policyFor(options, routeClass), skipped, options.log ?? warn);
      }
      const decision = await limiter.hit(apiKey, routeClass);
      const inARow = decision.outcome.startsWith('failed') ? (failures.get(routeClass) ?? 0) + 1 : 0;
      failures.set(routeClass, inARow);
      if (inARow >= 30) openUntil.set(routeClass, Date.now() + 10_000);
      return decision;
    },
  };
}
