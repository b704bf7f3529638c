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
import { L1Cache as LruL1Cache } from '../src/l1-cache.js';

export class L1Cache<V> extends LruL1Cache<V> {
  override get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (slot && this.options.now() - slot.storedAt <= this.options.maxAgeMs) return slot.value; // stays where it was inserted
    this.slots.delete(key);
    return undefined;
  }
}
