/**
 * Mistake: the seconds until a slot frees are rounded down
 * Replaces: limiter.ts
 * Caught by: 10.8, 10.9
 *
 * Math.floor or Math.round turns milliseconds into seconds as well as Math.ceil does, and
 * the numbers look right most of the time. But a client told "come back in 5 s" when the
 * slot frees in 5.5 s comes back half a second early and is refused again; told 0 s, it
 * retries at once. Round up, so that waiting exactly as long as told always finds room.
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
        resetSeconds: Math.floor((counted.freesAtMs - counted.nowMs) / 1000),
      };
    },
  };
}
