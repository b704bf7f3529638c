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
    flushIntervalMs === undefined ? undefined : setTimeout(() => void flush().catch((error: unknown) => console.warn(String(error))), flushIntervalMs);
  return {
    recordView: (productId) => recordView(redis, keys, productId),
    flush,
    async close() {
      clearTimeout(timer);
      await flush();
    },
  };
}
