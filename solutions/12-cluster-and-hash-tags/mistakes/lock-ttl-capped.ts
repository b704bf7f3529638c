/**
 * Mistake: the loader's lock lives at most 7.5 s, whatever lockTtlMs says
 * Replaces: cached-page.ts
 * Caught by: 12.10
 *
 * A cap looks like a guard against a lock left for minutes by a typo in the config, and
 * the default (5 s) is under it. But lockTtlMs is the longest a render may take: a service
 * whose listings take ten seconds sets it higher, and with the cap its lock expires mid
 * render, so a second loader starts beside the first.
 */
import type { Cluster } from 'ioredis';
import { cachedPage as cachedRight, type PageSource } from '../src/cached-page.js';

export type { PageSource } from '../src/cached-page.js';

export function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  return cachedRight(redis, { ...page, lockTtlMs: Math.min(page.lockTtlMs, 7_500) });
}
