/**
 * Mistake: cache-aside with no loader lock
 * Replaces: cached-page.ts
 * Caught by: 12.10
 *
 * Read, render on a miss, store: correct for one request at a time, and every page ends
 * up cached. Twenty requests that miss together all render, and a hot listing that
 * expires sends its whole traffic to Postgres at once (lab 04's stampede).
 */
import type { Cluster } from 'ioredis';
import { storeTagged } from '../src/store-tagged.js';
import type { PageSource } from '../src/cached-page.js';

export type { PageSource } from '../src/cached-page.js';

export async function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  const hit = await redis.get(page.key).catch(() => null);
  if (hit !== null) return hit;
  const fresh = await page.render();
  if (fresh === null) return null;
  await storeTagged(redis, { key: page.key, html: fresh.html, ttlSeconds: page.ttlSeconds, tagSets: fresh.tagSets }).catch(() => {});
  return fresh.html;
}
