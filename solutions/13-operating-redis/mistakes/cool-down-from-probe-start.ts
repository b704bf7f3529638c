/**
 * Mistake: after a failed probe, the next cool-down is counted from when the probe started
 * Replaces: breaker.ts
 * Caught by: 13.9
 *
 * The breaker notes the time as it lets the probe through, and a failure reopens it from
 * there. A probe that fails by timing out has already used part of the cool-down, so the
 * next probe comes that much sooner: with a long commandTimeoutMs, almost at once, and a
 * Redis that is still down gets a request in every cool-down that is mostly waiting.
 */
import type { BreakerOptions } from '../../../labs/13-operating-redis/src/contract.js';
import { CircuitBreaker as Right } from '../src/breaker.js';

export class CircuitBreaker extends Right {
  private readonly clock: { now: () => number; probeStartedAt?: number; reading?: number };

  constructor(options: BreakerOptions, now: () => number) {
    const clock: { now: () => number; probeStartedAt?: number; reading?: number } = { now };
    super(options, () => clock.reading ?? now());
    this.clock = clock;
  }

  override admit(): boolean {
    const probe = this.state === 'open';
    const admitted = super.admit();
    if (admitted && probe) this.clock.probeStartedAt = this.clock.now();
    return admitted;
  }

  override failed(): void {
    if (this.state === 'half-open') this.clock.reading = this.clock.probeStartedAt;
    super.failed();
    this.clock.reading = undefined;
  }
}
