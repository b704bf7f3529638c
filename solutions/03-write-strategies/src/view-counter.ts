import type {
  ViewCounter,
  ViewCounterOptions,
} from '../../../labs/03-write-strategies/src/contract.js';
import { flushViews } from './flush-views.js';
import { viewKeys } from './keys.js';
import { recordView } from './record-view.js';

/**
 * Write-behind view counting: a view is one HINCRBY in Redis; Postgres receives the
 * totals in batches, on flush(), on a timer, and at close().
 */
export function createViewCounter({
  redis,
  db,
  keyPrefix,
  flushIntervalMs,
}: ViewCounterOptions): ViewCounter {
  const keys = viewKeys(keyPrefix);

  // One flush at a time in this process; other processes are kept apart by the batch
  // claim and the applied-batch record, not by this queue.
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

  // #region timer
  // A tick that finds a flush still running skips it, so a slow database does not
  // collect a queue of flushes. A failed tick is logged, never thrown: the views stay
  // in Redis and the next tick retries them.
  const timer =
    flushIntervalMs === undefined
      ? undefined
      : setInterval(() => {
          if (busy) return;
          flush().catch((error: unknown) =>
            console.warn(`[views] flush failed, will retry: ${String(error)}`),
          );
        }, flushIntervalMs);
  // Nothing is lost if the process exits between ticks (the views are in Redis), so the
  // timer need not keep the process alive; close() is the graceful path.
  timer?.unref();

  return {
    recordView: (productId) => recordView(redis, keys, productId),
    flush,
    // Graceful shutdown: no more ticks, then one last flush of what is left. If that
    // flush fails, nothing is lost: the views wait in Redis for any other instance.
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
  // #endregion timer
}
