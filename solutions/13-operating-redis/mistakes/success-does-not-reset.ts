/**
 * Mistake: the breaker counts every failure, not failures in a row
 * Replaces: breaker.ts
 * Caught by: 13.7
 *
 * Counting failures is the idea, so the count only ever grows while closed. A Redis that
 * fails once an hour opens the breaker after a few hours, for no reason at all.
 */
import { CircuitBreaker as Right } from '../src/breaker.js';

export class CircuitBreaker extends Right {
  override succeeded(): void {
    if (this.state !== 'closed') super.succeeded();
  }
}
