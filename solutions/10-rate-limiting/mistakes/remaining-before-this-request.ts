/**
 * Mistake: RateLimit-Remaining does not count the request being answered
 * Replaces: limiter.ts
 * Caught by: 10.8, 10.14
 *
 * The count from Redis is taken as "requests so far" and the remaining budget is the
 * limit minus that, plus this request as if it were still to come. The client then reads
 * one more request than it has: at the last admitted request it is told 1 remains, and
 * the next one, which it was promised, gets a 429.
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
        remaining: counted.admitted ? policy.limit - counted.count + 1 : 0,
        // Rounded up: a client that comes back after this many seconds finds room.
        resetSeconds: Math.ceil((counted.freesAtMs - counted.nowMs) / 1000),
      };
    },
  };
}
