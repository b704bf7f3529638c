/**
 * Mistake: L1 is a proper LRU, but an entry may live in it forever
 * Replaces: l1-cache.ts
 * Caught by: 07.5
 *
 * With invalidation messages in place, an age limit looks redundant: every write tells
 * every instance. But pub/sub delivers at most once. A message published while a
 * subscriber's socket is half-open (dead, but not yet noticed) is lost without any event
 * to react to, and a hot key that is read all the time is never evicted by the LRU, so
 * that instance serves the old value until it restarts. The age bound is the backstop.
 */
import { L1Cache as LruL1Cache } from '../src/l1-cache.js';

export class L1Cache<V> extends LruL1Cache<V> {
  override get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    this.slots.delete(key);
    this.slots.set(key, slot); // the most recently used, however long ago it was stored
    return slot.value;
  }
}
