/**
 * Mistake: the loader does not read the page again once it holds the lock
 * Replaces: cached-page.ts
 * Caught by: 12.10
 *
 * The lock makes loaders take turns, which looks like single flight. A waiter that gets
 * the lock after the first loader released it renders again, because it never looks
 * whether the page has been cached meanwhile: one render per waiter instead of one.
 */
import type { Cluster } from 'ioredis';
import { lockKeyOf } from '../src/keys.js';
import { acquireLock, releaseLock } from '../src/lock.js';
import { storeTagged } from '../src/store-tagged.js';
import type { PageSource } from '../src/cached-page.js';

export type { PageSource } from '../src/cached-page.js';

export async function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  const hit = await redis.get(page.key).catch(() => null);
  if (hit !== null) return hit;
  const lock = await acquireLock(redis, lockKeyOf(page.key), { ttlMs: page.lockTtlMs, waitMs: page.lockWaitMs }).catch(() => null);
  try {
    const fresh = await page.render();
    if (fresh === null) return null;
    await storeTagged(redis, { key: page.key, html: fresh.html, ttlSeconds: page.ttlSeconds, tagSets: fresh.tagSets }).catch(() => {});
    return fresh.html;
  } finally {
    if (lock) await releaseLock(redis, lock).catch(() => {});
  }
}
