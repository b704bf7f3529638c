/**
 * Mistake: a flush() called while one runs gets the running flush's promise
 * Replaces: view-counter.ts
 * Caught by: 03.11, 03.25
 *
 * Sharing the flush in flight is a familiar way to avoid duplicate work (single-flight),
 * and every caller does get an answer. But it is the answer to another question: the
 * running flush took the buffer before this call, so the views recorded in between stay
 * in Redis while the caller is told they were flushed, and a close() built on it returns
 * with views still waiting.
 */
import type { ViewCounter, ViewCounterOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { flushViews } from '../src/flush-views.js';
import { viewKeys } from '../src/keys.js';
import { recordView } from '../src/record-view.js';

export function createViewCounter({ redis, db, keyPrefix, flushIntervalMs }: ViewCounterOptions): ViewCounter {
  const keys = viewKeys(keyPrefix);
  let running: Promise<number> | undefined;
  const flush = (): Promise<number> => {
    running ??= flushViews(redis, db, keys).finally(() => (running = undefined)); // share the running flush
    return running;
  };
  const timer =
    flushIntervalMs === undefined
      ? undefined
      : setInterval(() => {
          if (running) return;
          flush().catch((error: unknown) => console.warn(`[views] flush failed, will retry: ${String(error)}`));
        }, flushIntervalMs);
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
