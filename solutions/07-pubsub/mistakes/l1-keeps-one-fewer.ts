/**
 * Mistake: L1 evicts when it reaches maxEntries, so it holds one entry fewer than allowed
 * Replaces: l1-cache.ts
 * Caught by: 07.4, 07.19
 *
 * "Evict while size >= max" after inserting reads like the usual guard, and the cache
 * stays bounded, which is what a glance checks. It is an off-by-one: a limit of three
 * keeps two, and a limit of one keeps nothing at all. The entry that falls out is the one
 * the caller's sizing said should stay, and the miss costs a Redis round trip each time.
 * The bound is inclusive: exactly maxEntries entries fit.
 */
import { L1Cache as LruL1Cache } from '../src/l1-cache.js';

export class L1Cache<V> extends LruL1Cache<V> {
  override set(key: string, value: V): void {
    super.set(key, value);
    while (this.slots.size >= this.options.maxEntries) this.evictLeastRecent();
  }
}
