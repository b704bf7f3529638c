/**
 * Mistake: jitter added on top of the delay instead of taken off it
 * Replaces: backoff.ts
 * Caught by: 13.5
 *
 * Spreading the instances' attempts is the point of jitter, and adding up to half spreads
 * them as well as taking it off. But the delay is then longer than maxDelayMs allows: the
 * cap is the longest an instance stays on Postgres after Redis is back, and jitter on top
 * breaks that promise by half.
 */
import type { ReconnectOptions } from '../../../labs/13-operating-redis/src/contract.js';
import { reconnectDelayMs as right } from '../src/backoff.js';

export function reconnectDelayMs(attempt: number, options: ReconnectOptions): number {
  const delay = right(attempt, options);
  return Math.round(delay + (Math.random() * delay) / 2);
}
