/**
 * Mistake: when the database fails too, an L1 entry past its age is served as a last resort
 * Replaces: two-tier-cache.ts
 * Caught by: 07.18
 *
 * Stale-if-error looks like the kind answer when Redis and Postgres are both in trouble:
 * an old profile rather than an error page. But the age bound is what limits how long a
 * changed profile is served while no invalidation can arrive, and this serves past it for
 * exactly as long as the outage lasts. The caller cannot tell a profile from a minute ago
 * from one of last week; an error it can handle.
 */
import { TwoTierCache as BoundedTwoTierCache } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends BoundedTwoTierCache<V> {
  /** What each key last held in L1, kept past the age bound for when both stores fail. */
  private readonly lastKnown = new Map<string, V>();

  protected override keepLocal(key: string, value: V, readEpoch: number): V {
    const kept = super.keepLocal(key, value, readEpoch);
    if (readEpoch === this.epoch) this.lastKnown.set(key, kept);
    return kept;
  }

  protected override dropLocal(keys: string[]): void {
    for (const key of keys) this.lastKnown.delete(key);
    super.dropLocal(keys);
  }

  protected override async readShared(key: string, load: () => Promise<V | null>): Promise<V | null> {
    try {
      return await super.readShared(key, load);
    } catch (error) {
      const last = this.lastKnown.get(key);
      if (last === undefined) throw error;
      return last; // an old profile beats an error page
    }
  }
}
