/**
 * Mistake: the first reconnection attempt waits the cap
 * Replaces: backoff.ts
 * Caught by: 13.5
 *
 * Starting at maxDelayMs "to be gentle" makes every short blip cost the longest wait (two
 * seconds by default) instead of baseDelayMs: the blips a backoff should make cheap.
 */
import type { ReconnectOptions } from '../../../labs/13-operating-redis/src/contract.js';

export function reconnectDelayMs(attempt: number, { baseDelayMs, maxDelayMs }: ReconnectOptions): number {
  return attempt === 1 ? maxDelayMs : Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
}
