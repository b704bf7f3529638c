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
import { flushViews } from '../src/flush-views.js';
import { viewKeys } from '../src/keys.js';
import { recordView } from '../src/record-view.js';

export function createViewCounter({ redis, db, keyPrefix, flushIntervalMs }: ViewCounterOptions): ViewCounter {
  const keys = viewKeys(keyPrefix);
  const flush = () => flushViews(redis, db, keys); // overlapping flushes are safe: batches are claimed and applied once
  const timer = flushIntervalMs === undefined ? undefined : setInterval(flush, flushIntervalMs);
  timer?.unref();
  return {
    recordView: (productId) => recordView(redis, keys, productId),
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
