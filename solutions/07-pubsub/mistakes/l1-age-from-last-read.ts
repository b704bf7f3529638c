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
import type { L1Options } from '../../../labs/07-pubsub/src/contract.js';

export class L1Cache<V> {
  private readonly entries = new Map<string, { value: V; touchedAt: number }>();

  constructor(private readonly options: L1Options) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    const now = this.options.now();
    if (now - entry.touchedAt > this.options.maxAgeMs) return undefined;
    this.entries.set(key, { value: entry.value, touchedAt: now }); // most recently used, and fresh again
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, touchedAt: this.options.now() });
    while (this.entries.size > this.options.maxEntries) {
      const [coldest] = this.entries.keys();
      this.entries.delete(coldest!);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
