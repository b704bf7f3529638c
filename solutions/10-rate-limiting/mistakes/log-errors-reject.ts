/**
 * Mistake: a log that throws turns the decision into a rejection
 * Replaces: failure.ts
 * Caught by: 10.10
 *
 * The log is the caller's own function, so trusting it to work looks reasonable. But a
 * log sink fails exactly when things go wrong (a full disk, a collector that is down
 * along with Redis), and hit() then rejects instead of returning the policy's decision:
 * every request answers 500 during the outage the policy was meant to ride out. hit()
 * never rejects, so what the log does must not reach it.
 */
import type { decideWithoutRedis as decideSafely } from '../src/failure.js';

export { warn } from '../src/failure.js';

export const decideWithoutRedis: typeof decideSafely = (routeClass, policy, error, log) => {
  const outcome = policy.onRedisFailure === 'open' ? 'failed-open' : 'failed-closed';
  log({ routeClass, outcome, reason: error instanceof Error ? error.message : String(error) });
  return { outcome };
};
