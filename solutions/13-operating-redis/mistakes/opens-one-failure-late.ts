/**
 * Mistake: opens on the failure after the threshold
 * Replaces: breaker.ts
 * Caught by: 13.7, 13.10
 *
 * "More than failureThreshold failures" reads naturally; the option says how many
 * failures open it, and one more request waits for its timeout than configured.
 */
import type { BreakerOptions } from '../../../labs/13-operating-redis/src/contract.js';
import { CircuitBreaker as Right } from '../src/breaker.js';

export class CircuitBreaker extends Right {
  constructor(options: BreakerOptions, now: () => number) {
    super({ ...options, failureThreshold: options.failureThreshold + 1 }, now);
  }
}
