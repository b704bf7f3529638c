/**
 * Mistake: the breaker's cool-down runs on Date.now(), not on the injected clock
 * Replaces: breaker.ts
 * Caught by: 13.9, 13.10
 *
 * Date.now() is the time, after all. But the option exists so the cool-down can be
 * tested and reasoned about; a breaker that ignores it cannot be checked without
 * waiting, and in this suite it never closes.
 */
import type { BreakerOptions } from '../../../labs/13-operating-redis/src/contract.js';
import { CircuitBreaker as Right } from '../src/breaker.js';

export class CircuitBreaker extends Right {
  constructor(options: BreakerOptions, _now: () => number) {
    super(options, Date.now);
  }
}
