import type { L1Options } from '../../../labs/07-pubsub/src/contract.js';

interface Slot<V> {
  value: V;
  storedAt: number;
}

// #region l1-cache
/**
 * The in-process tier: a Map used as an LRU. A Map iterates in insertion order, so
 * re-inserting on every hit keeps the least recently used entry first, where eviction
 * finds it in O(1). Both bounds matter: the size keeps memory flat however many keys
 * pass through, and the age caps how long a value whose invalidation was lost (pub/sub
 * delivers at most once) can be served.
 */
export class L1Cache<V> {
  protected readonly slots = new Map<string, Slot<V>>();

  constructor(protected readonly options: L1Options) {}

  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    this.slots.delete(key);
    if (this.options.now() - slot.storedAt > this.options.maxAgeMs) return undefined;
    this.slots.set(key, slot); // now the most recently used
    return slot.value;
  }

  set(key: string, value: V): void {
    this.slots.delete(key);
    this.slots.set(key, { value, storedAt: this.options.now() });
    while (this.slots.size > this.options.maxEntries) this.evictLeastRecent();
  }

  /** The Map's first key is the entry used least recently. */
  protected evictLeastRecent(): void {
    const oldest = this.slots.keys().next().value as string;
    this.slots.delete(oldest);
  }

  delete(key: string): void {
    this.slots.delete(key);
  }

  clear(): void {
    this.slots.clear();
  }
}
// #endregion l1-cache
