/**
 * Mistake: a failed or late call to Redis is tried once more before the policy decides
 * Replaces: limiter.ts
 * Caught by: 10.14
 *
 * One retry smooths over a blip, and against a Redis that is down it changes nothing the
 * policy would not decide anyway. But redisTimeoutMs is the longest a decision waits, and
 * a retry after the bound waits it twice. Worse, the first attempt was not lost, only
 * late: its script ran and recorded the request, so the retry records it a second time,
 * and a slow Redis charges every caller double.
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
      const ask = () => within(countRequest(options.redis, key, policy, options.now?.()), timeoutMs);
      let counted;
      try {
        counted = await ask().catch(() => ask());
      } catch (error) {
        return decideWithoutRedis(routeClass, policy, error, log);
      }
      return {
        outcome: counted.admitted ? 'allowed' : 'limited',
        limit: policy.limit,
        remaining: counted.admitted ? policy.limit - counted.count : 0,
        resetSeconds: Math.ceil((counted.freesAtMs - counted.nowMs) / 1000),
      };
    },
  };
}
