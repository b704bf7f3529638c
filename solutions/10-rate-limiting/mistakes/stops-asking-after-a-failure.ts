/**
 * Mistake: after one failure, Redis is never asked again
 * Replaces: limiter.ts
 * Caught by: 10.11
 *
 * Remembering that Redis failed saves every later request the wait, which sounds like a
 * circuit breaker. But nothing ever closes this one: after one stalled command, every
 * request of the process is decided by the failure policy for the rest of its life, and
 * the limits stay lifted (or logins stay refused) long after Redis is back.
 */
import {
  DEFAULT_REDIS_TIMEOUT_MS,
  policyFor,
  type Decision,
  type Limiter,
  type LimiterOptions,
} from '../../../labs/10-rate-limiting/src/contract.js';
import { within } from '../src/bounded.js';
import { decideWithoutRedis, warn } from '../src/failure.js';
import { limitKey } from '../src/keys.js';
import { countRequest } from '../src/sliding-window.js';

export function createLimiter(options: LimiterOptions): Limiter {
  const timeoutMs = options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  const log = options.log ?? warn;
  let redisFailed = false;
  return {
    async hit(apiKey, routeClass): Promise<Decision> {
      const policy = policyFor(options, routeClass);
      const key = limitKey(options.keyPrefix, routeClass, apiKey);
      let counted;
      try {
        if (redisFailed) throw new Error('Redis failed before; not asking again');
        const counting = countRequest(options.redis, key, policy, options.now?.());
        counted = await within(counting, timeoutMs);
      } catch (error) {
        redisFailed = true;
        return decideWithoutRedis(routeClass, policy, error, log);
      }
      return {
        outcome: counted.admitted ? 'allowed' : 'limited',
        limit: policy.limit,
        remaining: counted.admitted ? policy.limit - counted.count : 0,
        // Rounded up: a client that comes back after this many seconds finds room.
        resetSeconds: Math.ceil((counted.freesAtMs - counted.nowMs) / 1000),
      };
    },
  };
}
