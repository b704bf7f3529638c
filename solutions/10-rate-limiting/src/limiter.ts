import {
  DEFAULT_REDIS_TIMEOUT_MS,
  policyFor,
  type Decision,
  type Limiter,
  type LimiterOptions,
} from '../../../labs/10-rate-limiting/src/contract.js';
import { within } from './bounded.js';
import { decideWithoutRedis, warn } from './failure.js';
import { limitKey } from './keys.js';
import { countRequest } from './sliding-window.js';

// #region limiter
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
        resetSeconds: Math.ceil((counted.freesAtMs - counted.nowMs) / 1000),
      };
    },
  };
}
// #endregion limiter
