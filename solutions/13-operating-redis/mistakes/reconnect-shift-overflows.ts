/**
 * Mistake: the doubling is a bit shift, which overflows
 * Replaces: backoff.ts
 * Caught by: 13.5
 *
 * `1 << k` is 2^k only while it fits in 32 bits: at attempt 32 the delay is negative (the
 * next attempt comes at once) and from attempt 33 it doubles from the base again. With the
 * defaults that is about a minute into an outage: from then on the client backs off as if
 * the outage had just begun, and a thousand instances hammer Redis together.
 */
import type { ReconnectOptions } from '../../../labs/13-operating-redis/src/contract.js';

export function reconnectDelayMs(attempt: number, { baseDelayMs, maxDelayMs }: ReconnectOptions): number {
  return Math.min(maxDelayMs, baseDelayMs * (1 << (attempt - 1)));
}
