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
import { L1Cache as LruL1Cache } from '../src/l1-cache.js';

export class L1Cache<V> extends LruL1Cache<V> {
  override set(key: string, value: V): void {
    if (this.slots.size >= this.options.maxEntries) this.evictLeastRecent(); // full: make room first
    super.set(key, value);
  }
}
