/**
 * Mistake: the delay doubles without a cap
 * Replaces: backoff.ts
 * Caught by: 13.5
 *
 * Backing off is right; without the cap, after a ten-minute outage the next attempt is
 * minutes away, and the service runs on Postgres long after Redis is back.
 */
import type { ReconnectOptions } from '../../../labs/13-operating-redis/src/contract.js';

export function reconnectDelayMs(attempt: number, { baseDelayMs }: ReconnectOptions): number {
  return baseDelayMs * 2 ** (attempt - 1);
}
