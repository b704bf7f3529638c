/**
 * Mistake: an invalidation marks its keys stale, and the first read to finish uses the mark up
 * Replaces: two-tier-cache.ts
 * Caught by: 07.15
 *
 * A mark per key looks more precise than one counter for the whole cache: an invalidation
 * of profile 2 no longer stops a read of profile 3 from filling L1. But a mark says "one
 * read was in flight", and there may be several: two requests for a hot profile fetch the
 * old copy, the invalidation arrives, the first to finish clears the mark and keeps
 * nothing, and the second finds no mark and keeps the old profile, with nothing left to
 * remove it. Compare what each read noted when it began (a counter) with what holds now.
 */
import { TwoTierCache as CountingTwoTierCache } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends CountingTwoTierCache<V> {
  /** Keys invalidated since a read of them began. */
  private readonly stale = new Set<string>();

  protected override dropLocal(keys: string[]): void {
    for (const key of keys) {
      this.stale.add(key);
      this.options.l1.delete(key);
    }
    this.emit('invalidated', keys);
  }

  protected override keepLocal(key: string, value: V, readEpoch: number): V {
    if (this.stale.delete(key)) return Object.freeze(value) as V; // fetched before the invalidation: keep nothing
    return super.keepLocal(key, value, readEpoch);
  }
}
