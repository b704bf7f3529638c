/**
 * Mistake: concurrent misses of one key share a fetch, also one begun before an invalidation
 * Replaces: two-tier-cache.ts
 * Caught by: 07.15
 *
 * Single-flight is the standard guard against a stampede on one key, and each read still
 * checks the counter before keeping anything in L1. But a request that arrives after the
 * invalidation joins a fetch that began before it, and is handed the profile that the
 * write just replaced, by an instance that already knew better.
 */
import { TwoTierCache as Base } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends Base<V> {
  private readonly inFlight = new Map<string, Promise<V | null>>();

  override get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const local = this.options.l1.get(key);
    if (local !== undefined) return Promise.resolve(local);
    let flight = this.inFlight.get(key);
    if (!flight) {
      flight = super.get(key, load).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, flight);
    }
    return flight;
  }
}
