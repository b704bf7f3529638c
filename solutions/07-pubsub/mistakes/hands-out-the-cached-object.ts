/**
 * Mistake: L1 hands every caller the very object it keeps, unfrozen
 * Replaces: two-tier-cache.ts
 * Caught by: 07.2
 *
 * A Map returns references, which is what makes an L1 hit cost nanoseconds, and nobody
 * means to edit a cached profile. But request code does: it sets a display field, trims
 * the bio for a preview, deletes a property before sending JSON. Each such edit now
 * changes the profile for every later request on that instance, until the entry ages
 * out, and no other instance agrees. Freeze what L1 keeps (or hand out copies).
 */
import { TwoTierCache as FreezingTwoTierCache } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends FreezingTwoTierCache<V> {
  protected override keepLocal(key: string, value: V, readEpoch: number): V {
    if (readEpoch === this.epoch) this.options.l1.set(key, value); // the caller gets the same object L1 keeps
    return value;
  }
}
