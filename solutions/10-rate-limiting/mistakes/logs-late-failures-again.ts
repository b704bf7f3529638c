/**
 * Mistake: a Redis error that arrives after the bound is logged as another failure
 * Replaces: limiter.ts
 * Caught by: 10.11
 *
 * The command goes on after the bound, and an error it ends with looks worth reporting:
 * more information for whoever reads the log. But the log's entries are decisions taken
 * without Redis, one each, and this one was already taken and logged when the wait ran
 * out. A stall that ends in errors now counts every request twice, and the dashboard that
 * counts failed-open requests reports an outage twice its size.
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
      const counting = countRequest(options.redis, key, policy, options.now?.());
      let counted;
      try {
        counted = await within(counting, timeoutMs);
      } catch (error) {
        // After a timeout the command runs on; an error it ends with is another failure.
        counting.catch((late: unknown) => {
          if (late !== error) decideWithoutRedis(routeClass, policy, late, log);
        });
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
