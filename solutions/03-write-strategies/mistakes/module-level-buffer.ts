/**
 * Mistake: the buffer is a Map shared by every counter in the process
 * Replaces: view-counter.ts
 * Caught by: 03.10, 03.14
 *
 * Moving the Map from inside createViewCounter to module level means every counter in the
 * process shares it, so a counter that "dies" loses nothing as long as another counter in
 * the same process flushes, and concurrent counters share one exact total. It feels like a
 * shared buffer. It is shared by one process only: another instance has its own Map, and a
 * crash or a deploy still loses everything in it. Shared across processes means in Redis.
 */
import { addViews, type ViewCounter, type ViewCounterOptions } from '../../../labs/03-write-strategies/src/contract.js';

const buffer = new Map<number, number>();

export function createViewCounter({ db, flushIntervalMs }: ViewCounterOptions): ViewCounter {
  async function flush(): Promise<number> {
    const batch = new Map(buffer);
    buffer.clear();
    try {
      await addViews(db, batch);
    } catch (error) {
      for (const [id, n] of batch) buffer.set(id, (buffer.get(id) ?? 0) + n);
      throw error;
    }
    return [...batch.values()].reduce((sum, n) => sum + n, 0);
  }
  const timer =
    flushIntervalMs === undefined ? undefined : setInterval(() => void flush().catch((error: unknown) => console.warn(String(error))), flushIntervalMs);
  return {
    recordView: async (productId) => void buffer.set(productId, (buffer.get(productId) ?? 0) + 1),
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
