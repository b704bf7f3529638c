/**
 * Mistake: with Redis failing, a failing Postgres read answers null
 * Replaces: two-tier-cache.ts
 * Caught by: 07.18
 *
 * The Redis-failure branch is written as a fallback of its own, and its database read is
 * wrapped like the Redis call before it: "if even that fails, there is no profile". With
 * Redis up, a database error still rejects, so the usual checks pass; in the outage that
 * takes both down, every user reads as one that does not exist.
 */
import { TwoTierCache as Base } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends Base<V> {
  protected override async readShared(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const text = await this.options.redis.get(key).catch(() => undefined);
    if (text === undefined) return load().catch(() => null); // Redis is down: the database, or nothing
    if (typeof text === 'string') return JSON.parse(text) as V;
    return super.readShared(key, load);
  }
}
