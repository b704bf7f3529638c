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
import { decideWithoutRedis as decideByPolicy } from '../src/failure.js';

export { warn } from '../src/failure.js';

export const decideWithoutRedis: typeof decideByPolicy = (routeClass, policy, error, log) =>
  decideByPolicy(routeClass, { ...policy, onRedisFailure: 'open' }, error, log);
