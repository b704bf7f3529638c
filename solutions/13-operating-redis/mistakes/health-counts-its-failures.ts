/**
 * Mistake: a health() that cannot read the server's figures counts that as an error
 * Replaces: resilient-cache.ts
 * Caught by: 13.11
 *
 * INFO is a Redis call like any other, and it failed, so counting it looks consistent.
 * But `errors` says how the cache's reads fare: a dashboard that polls health() every few
 * seconds during an outage adds its own polls to the count, and the figure then depends
 * on how often someone looks at it.
 */
import type { CacheOptions, HealthReport, ResilientCache } from '../../../labs/13-operating-redis/src/contract.js';
import { createResilientCache as createRight } from '../src/resilient-cache.js';

export function createResilientCache(options: CacheOptions): ResilientCache {
  const cache = createRight(options);
  let failedReports = 0;
  return {
    ...cache,
    async health(): Promise<HealthReport> {
      const report = await cache.health();
      if (report.server === null && report.misses + report.hits > 0) failedReports += 1;
      return { ...report, errors: report.errors + failedReports };
    },
  };
}
