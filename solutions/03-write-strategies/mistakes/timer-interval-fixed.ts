/**
 * Mistake: the timer flushes every 20 ms whatever flushIntervalMs says
 * Replaces: view-counter.ts
 * Caught by: 03.15
 *
 * Whether there is a timer follows the option, so a counter without one still flushes
 * only when asked, and views still land within moments. But the interval is how the
 * operator trades database load against how stale the counts may be: one who sets a
 * minute gets fifty flushes a second, each a transaction on Postgres.
 */
import type { ViewCounter, ViewCounterOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { createViewCounter as createWithInterval } from '../src/view-counter.js';

export function createViewCounter(options: ViewCounterOptions): ViewCounter {
  return createWithInterval({ ...options, flushIntervalMs: options.flushIntervalMs === undefined ? undefined : 20 });
}
