/**
 * Mistake: the defaults replace the options as whole objects, not field by field
 * Replaces: resilient-cache.ts
 * Caught by: 13.5, 13.10
 *
 * `options.breaker ?? DEFAULT_BREAKER` works when the options are all there or all
 * missing. Given `{ failureThreshold: 2 }`, coolDownMs is undefined and the breaker lets
 * every read through as soon as it opens; given `{ baseDelayMs: 100 }`, the reconnection
 * delay is NaN and the client reconnects without pause.
 */
import type { CacheOptions, ResilientCache } from '../../../labs/13-operating-redis/src/contract.js';
import { createResilientCache as right } from '../src/resilient-cache.js';

export function createResilientCache(options: CacheOptions): ResilientCache {
  // The fields left out become undefined, and override the defaults instead of taking them.
  const whole = <T extends object>(given: T | undefined, fields: (keyof T)[]): T | undefined =>
    given && ({ ...Object.fromEntries(fields.map((field) => [field, undefined])), ...given } as T);
  return right({
    ...options,
    breaker: whole(options.breaker, ['failureThreshold', 'coolDownMs']),
    reconnect: whole(options.reconnect, ['baseDelayMs', 'maxDelayMs']),
  });
}
