/**
 * Mistake: the log is guarded when Redis times out, but not when it answers with an error
 * Replaces: failure.ts
 * Caught by: 10.12
 *
 * The guard was added for the case seen in testing, a Redis that is down and never
 * answers. An error reply takes the other branch: when the log sink fails there, the
 * exception escapes hit(), the route answers 500, and the failure policy, open or closed,
 * is never applied.
 */
import type { Decision, FailureLogEntry, Policy, RouteClass } from '../../../labs/10-rate-limiting/src/contract.js';
import { decideWithoutRedis as decideGuarded } from '../src/failure.js';

export { warn } from '../src/failure.js';

export function decideWithoutRedis(routeClass: RouteClass, policy: Policy, error: unknown, log: (entry: FailureLogEntry) => void): Decision {
  if (String(error).includes('had not answered')) return decideGuarded(routeClass, policy, error, log);
  const outcome = policy.onRedisFailure === 'open' ? 'failed-open' : 'failed-closed';
  log({ routeClass, outcome, reason: String(error) });
  return { outcome };
}
