/**
 * Mistake: the first reconnection waits twice baseDelayMs (the exponent off by one)
 * Replaces: backoff.ts
 * Caught by: 13.5
 *
 * `baseDelayMs * 2 ** attempt` reads like the formula, and the delays still double up to
 * the cap. Every one is twice what was configured, though: the first reconnection after a
 * blip comes a base delay late, and the cap is reached one attempt early.
 */
import type { ReconnectOptions } from '../../../labs/13-operating-redis/src/contract.js';
import { reconnectDelayMs as right } from '../src/backoff.js';

export function reconnectDelayMs(attempt: number, options: ReconnectOptions): number {
  return right(attempt + 1, options);
}
