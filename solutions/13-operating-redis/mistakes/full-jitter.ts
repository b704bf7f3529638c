/**
 * Mistake: "full jitter", a random delay anywhere between 0 and the computed one
 * Replaces: backoff.ts
 * Caught by: 13.5
 *
 * Full jitter spreads retries well for requests against a shared API. For a connection
 * the README allows half: with the whole delay random, about one attempt in two comes
 * sooner than half the delay, and a fleet reconnecting after an outage retries almost at
 * once, which is what the doubling was meant to stop.
 */
import type { ReconnectOptions } from '../../../labs/13-operating-redis/src/contract.js';
import { reconnectDelayMs as right } from '../src/backoff.js';

export function reconnectDelayMs(attempt: number, options: ReconnectOptions): number {
  return Math.floor(Math.random() * right(attempt, options));
}
