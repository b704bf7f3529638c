/**
 * Mistake: a failing cache is skipped in silence
 * Replaces: cached-page.ts
 * Caught by: 05.16
 *
 * Both Redis calls of the read path are guarded, as they should be: a failed GET is a
 * miss, a failed store is skipped, and every page still renders from Postgres. But the
 * catches are empty. When Redis goes down, or a failover leaves it refusing writes,
 * nothing says so: the pages come back, only slower, and the extra load on Postgres
 * looks like a slow database. A cache that fails must say so where someone will see it.
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
  const hit = await redis.get(key).catch(() => null);
  if (hit !== null) return hit;
  const fresh = await render();
  if (fresh === null) return null;
  await storeTagged(redis, keyPrefix, { key, ttlSeconds, ...fresh }).catch(() => {});
  return fresh.html;
}
