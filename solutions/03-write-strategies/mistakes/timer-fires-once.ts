/**
 * Mistake: the timer is a setTimeout, so it flushes once and never again
 * Replaces: view-counter.ts
 * Caught by: 03.15
 *
 * The first flush happens on its own, which is what a quick test looks for, and close()
 * flushes the rest, so a short-lived demo loses nothing. But after the first tick nothing
 * flushes until shutdown: Postgres falls further behind for the whole life of the
 * process, and a crash then loses every view since (if the buffer were in memory) or
 * leaves them waiting for another instance. A periodic flush is a setInterval (or a
 * setTimeout that schedules the next one).
 */
import type { ViewCounter, ViewCounterOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { createViewCounter as createRealCounter } from '../src/view-counter.js';

export function createViewCounter(options: ViewCounterOptions): ViewCounter {
  const { flushIntervalMs } = options;
  const counter = createRealCounter({ ...options, flushIntervalMs: undefined });
  const timer =
    flushIntervalMs === undefined
      ? undefined
      : setTimeout(() => void counter.flush().catch((error: unknown) => console.warn(String(error))), flushIntervalMs);
  return {
    ...counter,
    async close() {
      clearTimeout(timer);
      await counter.close();
    },
  };
}
