/**
 * Mistake: L1 sweeps out expired entries on a timer that nothing stops
 * Replaces: l1-cache.ts
 * Caught by: 07.17
 *
 * An expired entry leaves L1 only when it is read again, so a profile read once sits in
 * memory until eviction: a sweep every maxAgeMs frees them, and unref() keeps the timer
 * from holding the process open, so it looks harmless. But the L1 has no close(), so the
 * interval outlives the cache: every cache the app opens and closes leaves a timer that
 * runs for nothing and keeps that cache and its L1 in memory for the life of the process.
 * A timer the cache starts, the cache's close() stops.
 */
import type { L1Options } from '../../../labs/07-pubsub/src/contract.js';
import { L1Cache as UnsweptL1Cache } from '../src/l1-cache.js';

export class L1Cache<V> extends UnsweptL1Cache<V> {
  constructor(options: L1Options) {
    super(options);
    setInterval(() => this.sweep(), Math.max(options.maxAgeMs, 100)).unref();
  }

  private sweep(): void {
    const oldest = this.options.now() - this.options.maxAgeMs;
    for (const [key, slot] of this.slots) if (slot.storedAt < oldest) this.slots.delete(key);
  }
}
