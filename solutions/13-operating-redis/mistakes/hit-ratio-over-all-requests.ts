/**
 * Mistake: the hit ratio is hits over every request, failures and bypassed reads included
 * Replaces: cache-stats.ts
 * Caught by: 13.11
 *
 * "How many requests did the cache serve" sounds like the hit ratio. During an outage it
 * falls to zero and the dashboard reads it as a cold cache, when the cache is fine and
 * Redis is not; errors and bypassed reads are counted on their own for that.
 */
import { CacheStats as Right } from '../src/cache-stats.js';

export class CacheStats extends Right {
  override get hitRatio(): number {
    const requests = this.hits + this.misses + this.errors + this.bypassed;
    return requests === 0 ? 0 : this.hits / requests;
  }
}
