/**
 * Mistake: without an injected clock, each app server's Date.now()
 * Replaces: limiter.ts
 * Caught by: 10.13
 *
 * Passing the time into the script is how the suite's clock gets in, so falling back to
 * Date.now() when no clock is injected looks like the obvious default. In production that
 * is each app server's own clock, and clocks drift: an instance running slow records
 * requests in the past, where the next instance's trim removes them, and the caller gets
 * in again early. Without an injected clock, let the script read Redis's TIME: one clock
 * for every instance.
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
        const now = (options.now ?? Date.now)();
        const counting = countRequest(options.redis, key, policy, now);
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
