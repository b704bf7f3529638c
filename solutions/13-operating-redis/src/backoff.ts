import type { ReconnectOptions } from '../../../labs/13-operating-redis/src/contract.js';

/**
 * How long to wait before reconnection attempt `attempt` (1 for the first): doubling from
 * the base, capped. Growing gaps keep a thousand instances from hammering a Redis that
 * is coming back; the cap keeps a long outage from delaying recovery by minutes.
 */
export function reconnectDelayMs(attempt: number, { baseDelayMs, maxDelayMs }: ReconnectOptions): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
}
