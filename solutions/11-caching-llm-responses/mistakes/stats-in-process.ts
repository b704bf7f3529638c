/**
 * Mistake: the totals are counted in the process, not in Redis
 * Replaces: cache-stats.ts
 * Caught by: 11.25
 *
 * A few numbers in memory are free to update and exact in a test against one instance.
 * Behind a load balancer each instance reports its own share, the dashboard shows
 * whichever one it happened to ask, and a deploy resets everything to zero. The cache is
 * shared through Redis; what it saved has to be counted there too.
 */
import type { Redis } from 'ioredis';
import type { CacheStats } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { priceOf, type StatsCounter } from '../src/cache-stats.js';

export { priceOf, type StatsCounter };

export function statsCounter(redis: Redis, key: string, redisTimeoutMs: number): StatsCounter {
  void [redis, key, redisTimeoutMs]; // the totals never reach Redis
  const totals: CacheStats = { hits: 0, misses: 0, paidCalls: 0, tokensSaved: 0, costSaved: 0 };
  return {
    async paid() {
      totals.paidCalls += 1;
    },
    async answered(completion, paid) {
      if (paid) return void (totals.misses += 1);
      totals.hits += 1;
      totals.tokensSaved += completion.usage?.total_tokens ?? 0;
      totals.costSaved += priceOf(completion);
    },
    read: async () => ({ ...totals }),
  };
}
