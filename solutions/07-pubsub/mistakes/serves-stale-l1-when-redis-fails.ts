/**
 * Mistake: with Redis failing, an L1 entry past its age is served rather than reading Postgres
 * Replaces: two-tier-cache.ts
 * Caught by: 07.18
 *
 * Stale-if-error is a respected pattern: when the shared tier is down, an old profile
 * beats a stampede of every request onto Postgres. But while Redis fails, no invalidation
 * reaches anyone (the writer's PUBLISH fails too), so the age bound is the only thing that
 * limits how long a changed profile is served; serving past it exactly when Redis is down
 * removes the last bound there was, for as long as the outage lasts. Past maxL1AgeMs an
 * entry is gone: read Postgres.
 */
import { TwoTierCache as BoundedTwoTierCache } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends BoundedTwoTierCache<V> {
  /** What each key last held in L1, kept past the age bound for when Redis is down. */
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
    const last = this.lastKnown.get(key);
    if (last === undefined) return super.readShared(key, load);
    const text = await this.options.redis.get(key).catch(() => undefined);
    if (text === undefined) return last; // Redis is down: the old profile beats a stampede on Postgres
    return typeof text === 'string' ? (JSON.parse(text) as V) : super.readShared(key, load);
  }
}
