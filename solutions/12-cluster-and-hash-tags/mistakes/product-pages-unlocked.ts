/**
 * Mistake: only listings take the loader lock; product pages render on every miss
 * Replaces: cached-page.ts
 * Caught by: 12.10
 *
 * A listing runs the heavy query, a product page one row by its key, so the lock looks
 * worth it only for listings. But a product page is where traffic lands: a promotion sends
 * thousands of readers to one product the moment its page expires, and each of them
 * renders it. The stampede the lesson is about, on the cheapest page, still multiplies.
 */
import type { Cluster } from 'ioredis';
import { PAGE_TTL_SECONDS } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { cachedPage as cachedRight, type PageSource } from '../src/cached-page.js';

export type { PageSource } from '../src/cached-page.js';

export function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  // A lock that lapses at once and is never waited for: no lock at all for product pages.
  return page.ttlSeconds === PAGE_TTL_SECONDS.product ? cachedRight(redis, { ...page, lockWaitMs: 0, lockTtlMs: 1 }) : cachedRight(redis, page);
}
