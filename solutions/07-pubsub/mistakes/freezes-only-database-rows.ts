/**
 * Mistake: rows loaded from Postgres are frozen, copies parsed from Redis go into L1 as they are
 * Replaces: two-tier-cache.ts
 * Caught by: 07.2
 *
 * Freezing where the row is loaded reads like freezing at the source, and on the
 * instance that loaded the profile no caller can edit it. But most entries of a busy
 * fleet come from L2, parsed from the JSON another instance wrote: those reach L1
 * unfrozen, and one caller's edit changes what every later request on that instance
 * reads. Freeze what L1 keeps, whichever tier it came from.
 */
import { TwoTierCache as FreezingTwoTierCache } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends FreezingTwoTierCache<V> {
  protected override readShared(key: string, load: () => Promise<V | null>): Promise<V | null> {
    return super.readShared(key, async () => {
      const row = await load();
      return row === null ? null : Object.freeze(row); // the database's rows only
    });
  }

  protected override keepLocal(key: string, value: V, readEpoch: number): V {
    if (readEpoch === this.epoch) this.options.l1.set(key, value);
    return value;
  }
}
