/**
 * Mistake: a miss that finds no such page leaves its lock to expire
 * Replaces: cached-page.ts
 * Caught by: 12.1
 *
 * There is nothing to store, so the render's early return skips the rest, release
 * included, and the lock's TTL cleans up. But until it does, every other process's
 * request for that URL waits lockWaitMs behind a lock nobody holds: a crawler asking for
 * missing products makes the shop slow for the people asking for them too.
 */
import type { Cluster } from 'ioredis';
import type { Lock } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import type { PageSource } from '../src/cached-page.js';
import { lockKeyOf } from '../src/keys.js';
import { acquireLock, releaseLock } from '../src/lock.js';
import { storeTagged } from '../src/store-tagged.js';

export type { PageSource } from '../src/cached-page.js';

/** A catch handler that logs what failed and lets the request go on without Redis. */
function warn(what: string): (error: unknown) => undefined {
  return (error) => {
    console.warn(`[shop] ${what}: ${String(error)}`);
    return undefined;
  };
}

export async function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  const hit = await redis.get(page.key).catch(warn(`could not read ${page.key}`));
  if (typeof hit === 'string') return hit;
  let lock: Lock | null | undefined = await acquireLock(redis, lockKeyOf(page.key), {
    ttlMs: page.lockTtlMs,
    waitMs: page.lockWaitMs,
  }).catch(warn(`could not lock ${page.key}`));
  try {
    if (lock) {
      const loaded = await redis.get(page.key).catch(warn(`could not read ${page.key}`));
      if (typeof loaded === 'string') return loaded;
    }
    const fresh = await page.render();
    // Nothing to cache and nothing to release, it seems: the lock is left to its TTL.
    if (fresh === null) {
      lock = null;
      return null;
    }
    const { key, ttlSeconds } = page;
    const entry = { key, html: fresh.html, ttlSeconds, tagSets: fresh.tagSets };
    await storeTagged(redis, entry).catch(warn(`could not cache ${page.key}`));
    return fresh.html;
  } finally {
    if (lock) await releaseLock(redis, lock).catch(warn(`could not release ${lock.key}`));
  }
}
