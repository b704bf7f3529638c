/**
 * Mistake: the loader's lock always lives LOCK_TTL_MS, whatever lockTtlMs says
 * Replaces: cached-page.ts
 * Caught by: 12.10
 *
 * The default is right, so every check that leaves the option alone passes. A service
 * whose renders take longer than five seconds sets lockTtlMs for a reason: ignored, its
 * lock expires mid-render and a second loader starts.
 */
import type { Cluster } from 'ioredis';
import { LOCK_TTL_MS } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { cachedPage as cachedRight, type PageSource } from '../src/cached-page.js';

export type { PageSource } from '../src/cached-page.js';

export function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  return cachedRight(redis, { ...page, lockTtlMs: LOCK_TTL_MS });
}
