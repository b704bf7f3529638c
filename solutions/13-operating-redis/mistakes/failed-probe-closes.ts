/**
 * Mistake: a failed probe counts as one failure, so the breaker closes again
 * Replaces: breaker.ts
 * Caught by: 13.9
 *
 * After the cool-down the count starts over, and the probe's failure is the first of a
 * new series. The breaker now lets the next threshold - 1 requests wait for Redis's
 * timeout before it opens again, on every cool-down, for as long as the outage lasts.
 */
import { CircuitBreaker as Right } from '../src/breaker.js';

export class CircuitBreaker extends Right {
  private probeFailed = false;

  override admit(): boolean {
    if (this.probeFailed) return true;
    return super.admit();
  }

  override failed(): void {
    const probing = this.state === 'half-open';
    super.failed();
    if (probing) this.probeFailed = true;
  }

  override succeeded(): void {
    this.probeFailed = false;
    super.succeeded();
  }
}
