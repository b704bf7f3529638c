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
import { flushViews } from '../src/flush-views.js';
import { viewKeys } from '../src/keys.js';
import { recordView } from '../src/record-view.js';

export function createViewCounter({ redis, db, keyPrefix, flushIntervalMs }: ViewCounterOptions): ViewCounter {
  const keys = viewKeys(keyPrefix);
  let queue: Promise<unknown> = Promise.resolve();
  const flush = (): Promise<number> => {
    const run = queue.then(() => flushViews(redis, db, keys));
    queue = run.catch(() => {});
    return run;
  };
  const timer =
    flushIntervalMs === undefined
      ? undefined
      : setInterval(() => void flush().catch((error: unknown) => console.warn(String(error))), flushIntervalMs);
  return {
    recordView: (productId) => recordView(redis, keys, productId),
    flush,
    async close() {
      clearInterval(timer);
      void flush().catch((error: unknown) => console.warn(String(error)));
    },
  };
}
