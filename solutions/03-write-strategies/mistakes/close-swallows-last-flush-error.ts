/**
 * Mistake: close() catches and logs a failed last flush, and resolves
 * Replaces: view-counter.ts
 * Caught by: 03.25
 *
 * The ticks of the timer catch and log their failures, and shutdown code is often told
 * never to throw, so close() does the same: the views are safe in Redis anyway, and
 * another instance will flush them. The second half is true, and is why nothing is lost.
 * But close() promises that, when it resolves, everything recorded before it is in
 * Postgres; a caller (a deploy script, a test, a batch job that then reads the totals)
 * acts on that promise. When the last flush fails, the honest answer is the error.
 */
import type { ViewCounter, ViewCounterOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { createViewCounter as createRealCounter } from '../src/view-counter.js';

export function createViewCounter(options: ViewCounterOptions): ViewCounter {
  const counter = createRealCounter(options);
  return {
    ...counter,
    async close() {
      // Shutdown must not throw: the views stay in Redis for another instance.
      await counter.close().catch((error: unknown) => console.warn(`[views] last flush failed at close: ${String(error)}`));
    },
  };
}
