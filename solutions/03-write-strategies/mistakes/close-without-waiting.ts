/**
 * Mistake: close() stops the timer and starts the last flush, without waiting for it
 * Replaces: view-counter.ts
 * Caught by: 03.25
 *
 * Nothing is lost: the views are in Redis, and the flush does run. But close() is the
 * graceful shutdown; the process exits (or closes its Redis and Postgres connections)
 * as soon as it resolves, in the middle of that flush. And a caller that closes and then
 * reads the totals sees them incomplete. A shutdown step resolves when its work is done.
 */
import type { ViewCounter, ViewCounterOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { createViewCounter as createRealCounter } from '../src/view-counter.js';

export function createViewCounter(options: ViewCounterOptions): ViewCounter {
  const counter = createRealCounter(options);
  return {
    ...counter,
    async close() {
      // The real close() stops the timer at once; its last flush is left to run on its own.
      void counter.close().catch((error: unknown) => console.warn(String(error)));
    },
  };
}
