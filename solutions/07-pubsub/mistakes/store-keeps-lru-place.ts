/**
 * Mistake: storing a key L1 already holds replaces its value but leaves it where it was in the LRU order
 * Replaces: l1-cache.ts
 * Caught by: 07.4
 *
 * Map.set on an existing key replaces the value and evicts nothing, which is what a
 * re-store should do, so dropping the delete before it looks like a saving. But a Map
 * keeps an existing key in its old place: the entry just stored, the freshest in L1,
 * keeps the position of its first store and is the next one evicted, while older
 * entries stay. A store is a use: delete, then set, so it moves to the end.
 */
import { L1Cache as LruL1Cache } from '../src/l1-cache.js';

export class L1Cache<V> extends LruL1Cache<V> {
  override set(key: string, value: V): void {
    this.slots.set(key, { value, storedAt: this.options.now() }); // an existing key keeps its place
    while (this.slots.size > this.options.maxEntries) this.evictLeastRecent();
  }
}
