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
import type { L1Options } from '../../../labs/07-pubsub/src/contract.js';

export class L1Cache<V> {
  private readonly entries = new Map<string, { value: V; since: number }>();

  constructor(private readonly options: L1Options) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.options.now() - entry.since > this.options.maxAgeMs) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, since: this.options.now() });
    while (this.entries.size >= this.options.maxEntries) {
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
