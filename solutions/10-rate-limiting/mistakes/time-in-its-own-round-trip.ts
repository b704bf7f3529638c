/**
 * Mistake: without an injected clock, TIME is asked first, then the script runs
 * Replaces: limiter.ts
 * Caught by: 10.12
 *
 * Redis's clock it is, to the millisecond, and passing the time into the script looks
 * like the same code path as the injected clock. But it is two round trips per decision:
 * twice the latency on every request, two commands that can fail or stall, and between
 * them other requests run, so one timed earlier may be recorded after one timed later.
 * Read TIME inside the script: one command, one atomic step.
 */
import {
  DEFAULT_REDIS_TIMEOUT_MS,
  policyFor,
  type Limiter,
  type LimiterOptions,
} from '../../../labs/10-rate-limiting/src/contract.js';
import { within } from '../src/bounded.js';
import { decideWithoutRedis, warn } from '../src/failure.js';
import { createLimiter as createRealLimiter } from '../src/limiter.js';

export function createLimiter(options: LimiterOptions): Limiter {
  if (options.now) return createRealLimiter(options);
  return {
    async hit(apiKey, routeClass) {
      let nowMs: number;
      try {
        const [seconds, micros] = await within(options.redis.time(), options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS);
        nowMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      } catch (error) {
        return decideWithoutRedis(routeClass, policyFor(options, routeClass), error, options.log ?? warn);
      }
      return createRealLimiter({ ...options, now: () => nowMs }).hit(apiKey, routeClass);
    },
  };
}
