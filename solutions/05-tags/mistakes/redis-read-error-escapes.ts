/**
 * Mistake: a Redis error on the page read or write fails the page
 * Replaces: cached-page.ts
 * Caught by: 05.16
 *
 * The tagging is all right: every page is listed under what it shows, and written with
 * its memberships in one step. But the cache-aside wrapper awaits Redis bare, so when
 * Redis is down or refuses a write, the error escapes and the shop cannot show a page
 * that Postgres could render in milliseconds. The cache is there to save work, not to
 * be a second point of failure: a failed GET is a miss, and a failed store is skipped.
 */
import type { Redis } from 'ioredis';
import { pageKey } from '../../../labs/05-tags/src/contract.js';
import type { Rendered } from '../src/cached-page.js';
import { storeTagged } from '../src/store-tagged.js';

export async function cachedPage(
  redis: Redis,
  keyPrefix: string,
  page: string,
  ttlSeconds: number,
  render: () => Promise<Rendered | null>,
): Promise<string | null> {
  const key = pageKey(keyPrefix, page);
  const hit = await redis.get(key);
  if (hit !== null) return hit;
  const fresh = await render();
  if (fresh === null) return null;
  await storeTagged(redis, keyPrefix, { key, ttlSeconds, ...fresh });
  return fresh.html;
}
