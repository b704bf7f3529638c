/**
 * Mistake: the wait for Redis is always the default
 * Replaces: limiter.ts
 * Caught by: 10.14
 *
 * The bound is there and the README's default is right, so every outage check passes. But
 * redisTimeoutMs is ignored: a service that sets a longer bound, because its Redis sits
 * across a slower network, fails open or closed on every hiccup of a Redis that was about
 * to answer.
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
  const timeoutMs = DEFAULT_REDIS_TIMEOUT_MS;
  const log = options.log ?? warn;
  return {
    async hit(apiKey, routeClass): Promise<Decision> {
      const policy = policyFor(options, routeClass);
      const key = limitKey(options.keyPrefix, routeClass, apiKey);
      let counted;
      try {
        const counting = countRequest(options.redis, key, policy, options.now?.());
        counted = await within(counting, timeoutMs);
      } catch (error) {
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
