// Lab 03: write-behind view counting. A view is counted at once; Postgres receives the
// totals later, in batches, on flush(), on a timer, and at close().
import { addViews, type ViewCounter, type ViewCounterOptions } from './contract.js';

export function createViewCounter({ db, flushIntervalMs }: ViewCounterOptions): ViewCounter {
  // TODO(03): this buffer lives in this process's memory. A crash or a deploy loses it,
  // and no other instance can flush it. Where could it live instead?
  const buffer = new Map<number, number>();

  async function flush(): Promise<number> {
    const total = [...buffer.values()].reduce((sum, views) => sum + views, 0);
    await addViews(db, buffer);
    // TODO(03): views recorded while addViews was waiting for Postgres are cleared here
    // too, and never written. How can a flush take only what it is about to write?
    buffer.clear();
    return total;
  }

  const timer =
    flushIntervalMs === undefined
      ? undefined
      : setInterval(() => void flush().catch((error: unknown) => console.warn('flush failed', error)), flushIntervalMs);

  return {
    async recordView(productId) {
      buffer.set(productId, (buffer.get(productId) ?? 0) + 1);
    },
    // TODO(03): if Postgres fails halfway, or after it committed but before you forgot
    // the batch, what does the next flush write: nothing, once, or twice?
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
