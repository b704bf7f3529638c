/**
 * Mistake: Redis failures are caught and dropped without a word
 * Replaces: cached-page.ts
 * Caught by: 12.15
 *
 * `.catch(() => null)` on every Redis call keeps the pages coming while Redis is down,
 * which is the point. But nothing says the cache has stopped working: the database takes
 * the whole load and the dashboards only show it getting slower.
 */
import type { Cluster } from 'ioredis';
import { lockKeyOf } from '../src/keys.js';
import { acquireLock, releaseLock } from '../src/lock.js';
import { storeTagged } from '../src/store-tagged.js';
import type { PageSource } from '../src/cached-page.js';

export type { PageSource } from '../src/cached-page.js';

export async function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  const quietly = () => null;
  const hit = await redis.get(page.key).catch(quietly);
  if (hit !== null) return hit;
  const lock = await acquireLock(redis, lockKeyOf(page.key), { ttlMs: page.lockTtlMs, waitMs: page.lockWaitMs }).catch(quietly);
  try {
    const again = lock ? await redis.get(page.key).catch(quietly) : null;
    if (again !== null) return again;
    const fresh = await page.render();
    if (fresh !== null) await storeTagged(redis, { key: page.key, ttlSeconds: page.ttlSeconds, ...fresh }).catch(quietly);
    return fresh?.html ?? null;
  } finally {
    if (lock) await releaseLock(redis, lock).catch(quietly);
  }
}
