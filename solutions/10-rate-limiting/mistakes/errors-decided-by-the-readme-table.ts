/**
 * Mistake: an error from Redis is decided by the README's table, not the class's policy
 * Replaces: failure.ts
 * Caught by: 10.11, 10.12
 *
 * The table says reads and writes fail open and logins fail closed, and an error reply or
 * a dropped connection looks like a plain outage that the table settles; only the wait
 * that ran out is decided by the policy the limiter was given. But onRedisFailure is the
 * operator's choice for every way Redis can fail: a deployment that closes reads during
 * an outage, or opens logins, gets the opposite as soon as Redis answers with errors
 * instead of stalling.
 */
import { DEFAULT_POLICIES } from '../../../labs/10-rate-limiting/src/contract.js';
import { decideWithoutRedis as decideByPolicy } from '../src/failure.js';

export { warn } from '../src/failure.js';

export const decideWithoutRedis: typeof decideByPolicy = (routeClass, policy, error, log) => {
  const waitRanOut = error instanceof Error && error.message.includes('had not answered');
  return decideByPolicy(routeClass, waitRanOut ? policy : DEFAULT_POLICIES[routeClass], error, log);
};
