/**
 * Mistake: decisions taken without Redis are not logged
 * Replaces: failure.ts
 * Caught by: 10.10, 10.11, 10.12, 10.14
 *
 * The policy is applied correctly, so the API behaves as designed during an outage. But
 * nobody knows: an outage that silently lifts every limit is found by the bill of the
 * downstream service, or the fraud report, not by the dashboard. Each decision taken
 * without Redis must leave a trace.
 */
import type {
  Decision,
  FailureLogEntry,
  Policy,
  RouteClass,
} from '../../../labs/10-rate-limiting/src/contract.js';

/** What the class's policy decides when Redis cannot be asked; logged every time. */
export function decideWithoutRedis(
  routeClass: RouteClass,
  policy: Policy,
  error: unknown,
  log: (entry: FailureLogEntry) => void,
): Decision {
  const outcome = policy.onRedisFailure === 'open' ? 'failed-open' : 'failed-closed';
  const reason = error instanceof Error ? error.message : String(error);
  return { outcome };
}

export const warn = (entry: FailureLogEntry): void => {
  console.warn('[rate-limit] decided without Redis', entry);
};
