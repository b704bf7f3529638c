/**
 * Mistake: an L1 entry's age restarts at every hit, so a hot profile never grows old
 * Replaces: l1-cache.ts
 * Caught by: 07.5
 *
 * Restamping the entry on each read looks like part of "moving it to the end" for the
 * LRU, and a sliding expiry is what session stores do. For a cache it defeats the age
 * bound exactly where it matters: the profile read on every request is always young, so
 * if its invalidation was lost it stays stale for as long as traffic keeps coming. The
 * age must count from when the value was fetched, not from when it was last served.
 */
import { L1Cache as LruL1Cache } from '../src/l1-cache.js';

export class L1Cache<V> extends LruL1Cache<V> {
  override get(key: string): V | undefined {
    const value = super.get(key);
    if (value !== undefined) this.slots.set(key, { value, storedAt: this.options.now() }); // most recently used, and fresh again
    return value;
  }
}
