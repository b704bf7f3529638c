/**
 * Mistake: a hit renews the page's TTL (GETEX ... EX), a sliding expiry
 * Replaces: cached-page.ts
 * Caught by: 05.1
 *
 * "Keep hot pages cached" sounds like what a page cache is for. But the TTL is what bounds
 * how long a page may be served without a render: its tag sets are sized to the page's
 * TTL, so a page renewed past them is listed nowhere, and a price change can no longer
 * reach it. The most popular pages stay stale the longest.
 */
import type { Redis } from 'ioredis';
import { pageKey } from '../../../labs/05-tags/src/contract.js';
import type { Rendered } from '../src/cached-page.js';
import { storeTagged } from '../src/store-tagged.js';

export type { OnRedisError, Rendered } from '../src/cached-page.js';

export async function cachedPage(redis: Redis, keyPrefix: string, page: string, ttlSeconds: number, render: () => Promise<Rendered | null>): Promise<string | null> {
  const key = pageKey(keyPrefix, page);
  const hit = await redis.getex(key, 'EX', ttlSeconds).catch((error: unknown) => {
    console.warn(`[pages] could not read ${key}: ${String(error)}`);
    return null;
  });
  if (hit !== null) return hit;
  const fresh = await render();
  if (fresh === null) return null;
  await storeTagged(redis, keyPrefix, { key, ttlSeconds, ...fresh }).catch((error: unknown) => console.warn(`[pages] could not cache ${key}: ${String(error)}`));
  return fresh.html;
}
