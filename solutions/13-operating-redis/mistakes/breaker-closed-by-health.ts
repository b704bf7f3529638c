/**
 * Mistake: once the cool-down has passed, reading the breaker's state closes it
 * Replaces: breaker.ts
 * Caught by: 13.9
 *
 * The state is worked out when asked, so a cool-down that is over looks like a breaker
 * that may close, and a health check that finds Redis answering seems proof enough. But
 * health() only reads INFO: with Redis still failing every read, the next requests all go
 * back to it at once, each waiting for its own failure, instead of one probe deciding.
 */
import type { BreakerState } from '../../../labs/13-operating-redis/src/contract.js';
import { CircuitBreaker as OneProbe } from '../src/breaker.js';

export class CircuitBreaker extends OneProbe {
  override get state(): BreakerState {
    const state = super.state;
    // Open, and past its cool-down when admit() would let a probe through: call it closed.
    if (state === 'open' && this.admit()) {
      this.succeeded();
      return 'closed';
    }
    return state;
  }
}
