import type {
  Decision,
  FailureLogEntry,
  Policy,
  RouteClass,
} from '../../../labs/10-rate-limiting/src/contract.js';

// #region without-redis
/** What the class's policy decides when Redis cannot be asked; logged every time. */
export function decideWithoutRedis(
  routeClass: RouteClass,
  policy: Policy,
  error: unknown,
  log: (entry: FailureLogEntry) => void,
): Decision {
  const outcome = policy.onRedisFailure === 'open' ? 'failed-open' : 'failed-closed';
  const reason = error instanceof Error ? error.message : String(error);
  try {
    log({ routeClass, outcome, reason });
  } catch {
    // A log sink that fails must not turn the decision into a 500: hit() never rejects.
  }
  return { outcome };
}
// #endregion without-redis

export const warn = (entry: FailureLogEntry): void => {
  console.warn('[rate-limit] decided without Redis', entry);
};
