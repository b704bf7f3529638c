/**
 * Mistake: the decision without Redis calls log() unguarded, so a failing log sink makes hit() reject
 * Replaces: failure.ts
 * Caught by: 10.10, 10.12
 *
 * The log is a callback the caller supplied, so its failures look like the caller's
 * business. But it runs exactly when Redis is already failing, when a log pipeline is
 * likeliest to be struggling too: the fallback decision the policy exists for turns into
 * a rejected promise, a 500 for every request, for want of a log line.
 */
import type { Decision, FailureLogEntry, Policy, RouteClass } from '../../../labs/10-rate-limiting/src/contract.js';

export { warn } from '../src/failure.js';

export function decideWithoutRedis(routeClass: RouteClass, policy: Policy, error: unknown, log: (entry: FailureLogEntry) => void): Decision {
  const outcome = policy.onRedisFailure === 'open' ? 'failed-open' : 'failed-closed';
  log({ routeClass, outcome, reason: error instanceof Error ? error.message : String(error) });
  return { outcome };
}
