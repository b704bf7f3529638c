/**
 * Mistake: a miss hands out a copy, but L1 keeps the original unfrozen and a hit hands that out
 * Replaces: two-tier-cache.ts
 * Caught by: 07.2
 *
 * Copying on the way out looks like the cheaper cousin of freezing: the caller of the
 * miss gets its own object, edits it freely, and L1 is untouched. But the copy is made
 * only where the value is fetched. Every later hit returns the object L1 keeps, so the
 * first caller that edits a hit edits the cache for the whole instance. Freeze what L1
 * keeps, or copy on every read, hits included.
 */
import { TwoTierCache as FreezingTwoTierCache } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends FreezingTwoTierCache<V> {
  protected override keepLocal(key: string, value: V, readEpoch: number): V {
    if (readEpoch === this.epoch) this.options.l1.set(key, value); // a hit returns this very object
    return { ...value };
  }
}
