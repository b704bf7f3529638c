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
import type { L1Options } from '../../../labs/07-pubsub/src/contract.js';

export class L1Cache<V> {
  private readonly lru = new Map<string, V>();

  constructor(private readonly options: L1Options) {}

  get(key: string): V | undefined {
    if (!this.lru.has(key)) return undefined;
    const value = this.lru.get(key) as V;
    this.lru.delete(key);
    this.lru.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.lru.delete(key);
    this.lru.set(key, value);
    if (this.lru.size > this.options.maxEntries) {
      const [leastRecent] = this.lru.keys();
      if (leastRecent !== undefined) this.lru.delete(leastRecent);
    }
  }

  delete(key: string): void {
    this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }
}
