import type { BreakerOptions, BreakerState } from '../../../labs/13-operating-redis/src/contract.js';

/**
 * A circuit breaker in front of Redis. Closed, every request asks Redis; after
 * `failureThreshold` consecutive failures it opens, and requests go straight to the
 * database, so a sick Redis costs nothing instead of one timeout per request. Once
 * `coolDownMs` has passed, one request is let through as a probe (half-open): its
 * success closes the breaker, its failure opens it for another cool-down.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number,
  ) {}

  /** Whether this request may ask Redis; when half-open, only the one probe may. */
  admit(): boolean {
    if (this.openedAt === null) return true;
    if (this.probing || this.now() - this.openedAt < this.options.coolDownMs) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.failures = 0;
    this.openedAt = null;
    this.probing = false;
  }

  failed(): void {
    // Only a success resets the count, so a failed probe is past the threshold too: it
    // opens the breaker again at once, for a cool-down counted from now. A call that fails
    // while the breaker is open was sent before it opened: the cool-down keeps its start.
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold && this.state !== 'open') this.openedAt = this.now();
    this.probing = false;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.probing ? 'half-open' : 'open';
  }
}
