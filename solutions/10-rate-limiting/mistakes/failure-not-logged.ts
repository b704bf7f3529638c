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
import { decideWithoutRedis as decideAndLog } from '../src/failure.js';

export { warn } from '../src/failure.js';

export const decideWithoutRedis: typeof decideAndLog = (routeClass, policy, error) =>
  decideAndLog(routeClass, policy, error, () => {});
