/**
 * Mistake: once the cool-down has passed, every request asks Redis again
 * Replaces: breaker.ts
 * Caught by: 13.9
 *
 * Closing after the cool-down looks like "trying again". But a Redis that is still sick
 * gets the whole load back at once, and every one of those requests waits for its
 * timeout: exactly what the breaker was there to stop. One probe decides.
 */
import { CircuitBreaker as Right } from '../src/breaker.js';

export class CircuitBreaker extends Right {
  override admit(): boolean {
    const admitted = super.admit();
    return admitted || this.state === 'half-open';
  }
}
