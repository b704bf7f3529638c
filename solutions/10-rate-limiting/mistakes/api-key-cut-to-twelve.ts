/**
 * Mistake: the budget is keyed by the API key's first twelve characters
 * Replaces: limiter.ts
 * Caught by: 10.3
 *
 * Shorter Redis keys save memory on a limiter with millions of callers, and twelve
 * characters look unique enough. But keys issued by a provider share a long beginning
 * (a tenant, an environment, a version): every caller of one tenant then spends one
 * budget, and one noisy client locks out all the others.
 */
import type { Limiter, LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createLimiter as createWhole } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  const limiter = createWhole(options);
  return { hit: (apiKey, routeClass) => limiter.hit(apiKey.slice(0, 12), routeClass) };
}
