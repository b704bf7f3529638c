/**
 * Mistake: the flush timer's handle lives at module level
 * Replaces: view-counter.ts
 * Caught by: 03.15
 *
 * An app makes one view counter per process, so one timer per module looks the same as
 * one per counter, and hoisting it makes it easy to reach from close(). With one counter
 * every test passes. But nothing in the interface says "one per process": a second
 * counter (another prefix, a test, a worker that flushes two shops) overwrites the
 * handle. Closing the first then stops the second's timer, whose views are never flushed
 * on their own again, and leaves the first's timer running after close(), flushing for
 * an instance that has shut down. State that belongs to one counter lives in its closure.
 */
import type { ViewCounter, ViewCounterOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { flushViews } from '../src/flush-views.js';
import { viewKeys } from '../src/keys.js';
import { recordView } from '../src/record-view.js';

let timer: ReturnType<typeof setInterval> | undefined;

export function createViewCounter({ redis, db, keyPrefix, flushIntervalMs }: ViewCounterOptions): ViewCounter {
  const keys = viewKeys(keyPrefix);
  let queue: Promise<unknown> = Promise.resolve();
  let busy = false;
  const flush = (): Promise<number> => {
    const run = queue.then(async () => {
      busy = true;
      try {
        return await flushViews(redis, db, keys);
      } finally {
        busy = false;
      }
    });
    queue = run.catch(() => {});
    return run;
  };

  if (flushIntervalMs !== undefined) {
    timer = setInterval(() => {
      if (busy) return;
      flush().catch((error: unknown) => console.warn(`[views] flush failed, will retry: ${String(error)}`));
    }, flushIntervalMs);
    timer.unref();
  }

  return {
    recordView: (productId) => recordView(redis, keys, productId),
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
