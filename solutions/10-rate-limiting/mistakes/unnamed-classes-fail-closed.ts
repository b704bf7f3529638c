/**
 * Mistake: a class the policies option leaves out gets its default limit, but fails closed
 * Replaces: limiter.ts
 * Caught by: 10.13
 *
 * "If someone configures policies, be strict about the rest" sounds prudent. But the
 * README's option replaces the classes it names and no others: configuring logins turns
 * every read and write into a 503 the moment Redis blips, an outage nobody asked for.
 */
import { DEFAULT_POLICIES, type Limiter, type LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createLimiter as createRight } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  const { policies } = options;
  if (!policies) return createRight(options);
  const strict = Object.fromEntries(
    (Object.keys(DEFAULT_POLICIES) as (keyof typeof DEFAULT_POLICIES)[]).map((c) => [c, policies[c] ?? { ...DEFAULT_POLICIES[c], onRedisFailure: 'closed' as const }]),
  );
  return createRight({ ...options, policies: strict });
}
