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
import type { Decision, Limiter, LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { DEFAULT_REDIS_TIMEOUT_MS, policyFor } from '../../../labs/10-rate-limiting/src/contract.js';
import { within } from '../src/bounded.js';
import { decideWithoutRedis, warn } from '../src/failure.js';
import { limitKey } from '../src/keys.js';
import { countRequest } from '../src/sliding-window.js';

// The real limiter rounds inside hit(), out of reach of a wrapper: this one counts itself.
export function createLimiter(options: LimiterOptions): Limiter {
  const timeoutMs = options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  return {
    async hit(apiKey, routeClass): Promise<Decision> {
      const policy = policyFor(options, routeClass);
      const key = limitKey(options.keyPrefix, routeClass, apiKey);
      try {
        const counting = countRequest(options.redis, key, policy, options.now?.());
        const { admitted, count, freesAtMs, nowMs } = await within(counting, timeoutMs);
        const remaining = admitted ? policy.limit - count : 0;
        const resetSeconds = Math.floor((freesAtMs - nowMs) / 1000);
        return { outcome: admitted ? 'allowed' : 'limited', limit: policy.limit, remaining, resetSeconds };
      } catch (error) {
        return decideWithoutRedis(routeClass, policy, error, options.log ?? warn);
      }
    },
  };
}
