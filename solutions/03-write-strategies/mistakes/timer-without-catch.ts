/**
 * Mistake: the timer calls flush() and ignores the promise it returns
 * Replaces: view-counter.ts
 * Caught by: 03.15
 *
 * `setInterval(flush, ms)` reads as the obvious timer, and while Postgres is healthy it is
 * exactly that. The first time a flush fails, its rejection has no handler: Node reports
 * an unhandled rejection and, by default since Node 15, ends the process. A background job
 * must catch and log its own failures; the views wait in Redis for the next tick.
 */
import type { ViewCounter, ViewCounterOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { createViewCounter as createRealCounter } from '../src/view-counter.js';

/** The solution's counter without its timer, driven by a timer of its own that drops flush()'s promise. */
export function createViewCounter({ flushIntervalMs, ...options }: ViewCounterOptions): ViewCounter {
  const counter = createRealCounter(options);
  const timer = flushIntervalMs === undefined ? undefined : setInterval(counter.flush, flushIntervalMs);
  timer?.unref();
  return {
    ...counter,
    async close() {
      clearInterval(timer);
      await counter.close();
    },
  };
}
