/**
 * Mistake: a failed read is a miss, but a failed store fails the page
 * Replaces: cached-page.ts
 * Caught by: 05.16
 *
 * The GET is guarded: when it fails, Redis is taken for down, and the page is rendered
 * from Postgres and returned without touching the cache again. With Redis down, every
 * page still renders. But Redis can answer reads and refuse writes (a primary that a
 * failover demoted to a read-only replica, a server out of memory): the GET misses, the
 * page renders, and the unguarded store rejects the whole read. Every Redis call needs
 * the same answer: a failure costs the cache, never the page.
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
  let hit: string | null;
  try {
    hit = await redis.get(key);
  } catch (error) {
    // Redis is down: skip the cache for this read.
    console.warn(`[pages] could not read ${key}: ${String(error)}`);
    return (await render())?.html ?? null;
  }
  if (hit !== null) return hit;
  const fresh = await render();
  if (fresh === null) return null;
  await storeTagged(redis, keyPrefix, { key, ttlSeconds, ...fresh }); // Redis answered the GET, so it is up
  return fresh.html;
}
