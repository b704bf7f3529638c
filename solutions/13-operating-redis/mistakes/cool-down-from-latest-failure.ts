/**
 * Mistake: the cool-down runs from the latest failure, not from when the breaker opened
 * Replaces: breaker.ts
 * Caught by: 13.9
 *
 * Noting the time of every failure past the threshold looks the same as noting when the
 * breaker opened, while failures come one at a time. But calls sent before the breaker
 * opened fail afterwards (a write back after a slow query, a command timing out), and
 * each pushes the probe back: a burst of slow calls keeps the breaker open, and the
 * service on Postgres, long after Redis is well.
 */
import type { BreakerOptions } from '../../../labs/13-operating-redis/src/contract.js';
import { CircuitBreaker as Right } from '../src/breaker.js';

export class CircuitBreaker extends Right {
  private latestFailureAt = -Infinity;

  constructor(
    private readonly settings: BreakerOptions,
    private readonly clock: () => number,
  ) {
    super(settings, clock);
  }

  override admit(): boolean {
    if (this.state === 'open' && this.clock() - this.latestFailureAt < this.settings.coolDownMs) return false;
    return super.admit();
  }

  override failed(): void {
    super.failed();
    this.latestFailureAt = this.clock();
  }
}
