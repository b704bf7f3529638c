/**
 * Mistake: every L2 hit renews the Redis copy's TTL
 * Replaces: two-tier-cache.ts
 * Caught by: 07.3
 *
 * A sliding TTL keeps hot profiles in Redis and costs one EXPIRE, so it looks like a
 * better hit rate for free. But the TTL is the last bound on a copy whose DEL was lost
 * (a writer whose Redis failed after its commit): renewed by every read, a hot
 * profile's stale copy never expires. The L2 TTL counts from the load, 300 s at most.
 */
import { TwoTierCache as FixedTtlTwoTierCache } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends FixedTtlTwoTierCache<V> {
  protected override async readShared(key: string, load: () => Promise<V | null>): Promise<V | null> {
    let loaded = false;
    const value = await super.readShared(key, () => ((loaded = true), load()));
    if (value !== null && !loaded) this.options.redis.expire(key, this.options.ttlSeconds).catch(() => {}); // keep hot copies alive
    return value;
  }
}
