/**
 * Mistake: close() flushes, but the flush timer keeps running
 * Replaces: view-counter.ts
 * Caught by: 03.15
 *
 * Closing "means flushing what is left", and that part works. But the interval is never
 * cleared: after shutdown the process keeps waking up to flush, against connections the
 * app is about to close (or has closed), and with an unref'd timer nobody notices until
 * the logs fill with errors, or a supposedly stopped instance keeps writing to Postgres.
 */
import type { ViewCounter, ViewCounterOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { flushViews } from '../src/flush-views.js';
import { viewKeys } from '../src/keys.js';
import { recordView } from '../src/record-view.js';

export function createViewCounter({ redis, db, keyPrefix, flushIntervalMs }: ViewCounterOptions): ViewCounter {
  const keys = viewKeys(keyPrefix);
  let last: Promise<unknown> = Promise.resolve();
  const flush = () => {
    const next = last.then(() => flushViews(redis, db, keys));
    last = next.catch(() => undefined);
    return next;
  };
  if (flushIntervalMs !== undefined) {
    setInterval(() => flush().catch((error: unknown) => console.warn('views flush failed', error)), flushIntervalMs).unref();
  }
  return {
    recordView: (productId) => recordView(redis, keys, productId),
    flush,
    close: async () => {
      await flush();
    },
  };
}
