/**
 * Mistake: close() stops the timer only once its last flush has succeeded
 * Replaces: view-counter.ts
 * Caught by: 03.25
 *
 * Keeping the timer while the last flush fails looks like resilience: the views are
 * retried until Postgres is back. But close() has rejected, so its caller goes on shutting
 * down (closing the pool, leaving the process) while a timer of a counter everybody
 * believes closed keeps flushing, against a pool that is being closed under it.
 */
import type { ViewCounter, ViewCounterOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { createViewCounter as createUntimed } from '../src/view-counter.js';

export function createViewCounter(options: ViewCounterOptions): ViewCounter {
  const counter = createUntimed({ ...options, flushIntervalMs: undefined });
  const timer =
    options.flushIntervalMs === undefined
      ? undefined
      : setInterval(() => counter.flush().catch((error: unknown) => console.warn(`[views] flush failed: ${String(error)}`)), options.flushIntervalMs);
  timer?.unref();
  return {
    ...counter,
    async close() {
      await counter.close();
      clearInterval(timer);
    },
  };
}
