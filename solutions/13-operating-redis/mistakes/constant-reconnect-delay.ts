/**
 * Mistake: reconnects after the base delay every time
 * Replaces: backoff.ts
 * Caught by: 13.5
 *
 * A short fixed delay reconnects fast after a blip, which is all a single laptop ever
 * sees. In an outage, every instance knocks ten times a second on a Redis that is
 * trying to come back, and never slows down.
 */
import type { ReconnectOptions } from '../../../labs/13-operating-redis/src/contract.js';

export function reconnectDelayMs(_attempt: number, { baseDelayMs }: ReconnectOptions): number {
  return baseDelayMs;
}
