/**
 * Mistake: an L2 hit on a copy about to expire gives it a full TTL again (refresh-ahead)
 * Replaces: two-tier-cache.ts
 * Caught by: 07.3
 *
 * Renewing on every hit is plainly wrong, but renewing only the copies with a few seconds
 * left looks like the well-known refresh-ahead: hot profiles never miss, and a copy with
 * most of its TTL left is not touched. But the copy is not reloaded, only kept: a copy
 * whose DEL was lost (a writer whose Redis failed after its commit) is renewed by every
 * read in its last seconds, and a hot one is never gone. The TTL counts from the load.
 */
import { TwoTierCache as FixedTtlTwoTierCache } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

/** A copy with less left than this is renewed by a hit. */
const REFRESH_BELOW_MS = 10_000;

export class TwoTierCache<V> extends FixedTtlTwoTierCache<V> {
  protected override async readShared(key: string, load: () => Promise<V | null>): Promise<V | null> {
    let loaded = false;
    const value = await super.readShared(key, () => ((loaded = true), load()));
    if (value !== null && !loaded) await this.refreshAhead(key);
    return value;
  }

  private async refreshAhead(key: string): Promise<void> {
    const { redis, ttlSeconds } = this.options;
    const left = await redis.pttl(key).catch(() => -1);
    if (left > 0 && left < REFRESH_BELOW_MS) await redis.expire(key, ttlSeconds).catch(() => {});
  }
}
