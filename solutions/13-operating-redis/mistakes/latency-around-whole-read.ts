/**
 * Mistake: latency timed around the whole getProduct
 * Replaces: resilient-cache.ts
 * Caught by: 13.12
 *
 * One timer around the request is simpler than one around the GET. But a miss then
 * counts Postgres and the write back, a read the breaker sent around Redis counts too,
 * and a failure counts its timeout: the figure says how long requests take, not how
 * Redis is doing, and a slow database shows up as a slow cache.
 */
import type { CacheOptions, ResilientCache } from '../../../labs/13-operating-redis/src/contract.js';
import { LatencyWindow } from '../src/latency.js';
import { createResilientCache as right } from '../src/resilient-cache.js';

export function createResilientCache(options: CacheOptions): ResilientCache {
  const now = options.now ?? Date.now;
  const inner = right(options);
  const requests = new LatencyWindow();
  return {
    getProduct: (id) => requests.time(now, () => inner.getProduct(id)),
    health: async () => ({ ...(await inner.health()), latencyMs: requests.percentiles() }),
    close: () => inner.close(),
  };
}
