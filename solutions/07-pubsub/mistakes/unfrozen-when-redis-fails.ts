/**
 * Mistake: the read taken when Redis fails keeps the database row in L1 unfrozen
 * Replaces: two-tier-cache.ts
 * Caught by: 07.18
 *
 * The fallback is written as a branch of its own (Redis failed: load, remember, return),
 * and the freezing that the normal path does on its way into L1 is missed there. Only
 * during a Redis outage can one caller's edit of its profile change what every later
 * request on the instance reads, which no test run with Redis up will show.
 */
import { TwoTierCache as Base } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends Base<V> {
  /** Rows the Redis-failure branch loaded: kept as they are. */
  private readonly unfrozen = new WeakSet<object>();

  protected override async readShared(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const text = await this.options.redis.get(key).catch(() => undefined);
    if (text === undefined) {
      const row = await load();
      if (row !== null) this.unfrozen.add(row as object);
      return row;
    }
    if (typeof text === 'string') return JSON.parse(text) as V;
    return super.readShared(key, load);
  }

  protected override keepLocal(key: string, value: V, readEpoch: number): V {
    if (!this.unfrozen.has(value as object)) return super.keepLocal(key, value, readEpoch);
    if (readEpoch === this.epoch) this.options.l1.set(key, value);
    return value;
  }
}
