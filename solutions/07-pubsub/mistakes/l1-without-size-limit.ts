/**
 * Mistake: L1 expires entries by age but never limits how many it holds
 * Replaces: l1-cache.ts
 * Caught by: 07.4
 *
 * Every entry is stamped and refused once too old, so nothing stale is served, and
 * that feels like the whole job. But an old entry is only dropped when someone asks for
 * it again: a key read once stays in memory forever. With a million users the Map ends up
 * holding a million profiles per process, and the heap grows until the process is killed.
 */
import { L1Cache as LruL1Cache } from '../src/l1-cache.js';

export class L1Cache<V> extends LruL1Cache<V> {
  override set(key: string, value: V): void {
    this.slots.set(key, { value, storedAt: this.options.now() }); // refused once too old, so nothing stale is served
  }
}
