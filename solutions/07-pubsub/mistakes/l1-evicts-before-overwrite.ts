/**
 * Mistake: L1 makes room before every store, even when the key is already there
 * Replaces: l1-cache.ts
 * Caught by: 07.4
 *
 * "If the cache is full, evict the least recently used entry, then insert" is how most
 * LRU sketches read, and for a new key it keeps exactly maxEntries. But set() is also
 * called for a key L1 already holds: two requests for the same profile miss at once and
 * both store what they read. The second store replaces an entry, so nothing needed to
 * leave, yet one more hot profile is evicted and L1 runs one short of its bound until
 * the next miss. Replace first; evict only while the size is above the limit.
 */
import type { L1Options } from '../../../labs/07-pubsub/src/contract.js';

interface Slot<V> {
  value: V;
  storedAt: number;
}

export class L1Cache<V> {
  private readonly slots = new Map<string, Slot<V>>();

  constructor(private readonly options: L1Options) {}

  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    this.slots.delete(key);
    if (this.options.now() - slot.storedAt > this.options.maxAgeMs) return undefined;
    this.slots.set(key, slot);
    return slot.value;
  }

  set(key: string, value: V): void {
    if (this.slots.size >= this.options.maxEntries) {
      const oldest = this.slots.keys().next().value as string; // full: make room first
      this.slots.delete(oldest);
    }
    this.slots.delete(key);
    this.slots.set(key, { value, storedAt: this.options.now() });
  }

  delete(key: string): void {
    this.slots.delete(key);
  }

  clear(): void {
    this.slots.clear();
  }
}
