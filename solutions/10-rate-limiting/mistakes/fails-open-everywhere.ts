/**
 * Mistake: every class fails open, whatever its policy
 * Replaces: failure.ts
 * Caught by: 10.10, 10.11, 10.12, 10.14
 *
 * Failing open is the right default for most routes: a Redis incident should not take
 * the API down. Applied everywhere, though, it lifts the login limit exactly when Redis
 * is unavailable, which an attacker guessing passwords can arrange or wait for. The
 * policy is per class for that reason.
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
  const outcome = 'failed-open';
  const reason = error instanceof Error ? error.message : String(error);
  log({ routeClass, outcome, reason });
  return { outcome };
}

export const warn = (entry: FailureLogEntry): void => {
  console.warn('[rate-limit] decided without Redis', entry);
};
