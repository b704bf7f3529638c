/**
 * Mistake: L1 evicts the entry inserted first, not the one used least recently
 * Replaces: l1-cache.ts
 * Caught by: 07.4
 *
 * "Drop the first key of the Map when full" is the textbook LRU trick, and it bounds
 * memory. It is only LRU if a hit moves the entry to the end. Without that it is FIFO:
 * the hottest profile, read on every request since startup, is the first one evicted,
 * and every instance sends its most popular key to Redis again and again.
 */
import type { L1Options } from '../../../labs/07-pubsub/src/contract.js';

export class L1Cache<V> {
  private readonly byKey = new Map<string, V>();
  private readonly addedAt = new Map<string, number>();

  constructor(private readonly options: L1Options) {}

  get(key: string): V | undefined {
    const added = this.addedAt.get(key);
    if (added === undefined || this.options.now() - added > this.options.maxAgeMs) {
      this.delete(key);
      return undefined;
    }
    return this.byKey.get(key);
  }

  set(key: string, value: V): void {
    if (!this.byKey.has(key) && this.byKey.size >= this.options.maxEntries) {
      const first = this.byKey.keys().next();
      if (!first.done) this.delete(first.value);
    }
    this.byKey.set(key, value);
    this.addedAt.set(key, this.options.now());
  }

  delete(key: string): void {
    this.byKey.delete(key);
    this.addedAt.delete(key);
  }

  clear(): void {
    this.byKey.clear();
    this.addedAt.clear();
  }
}
