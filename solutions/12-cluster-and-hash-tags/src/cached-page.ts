import type { Cluster } from 'ioredis';
import type { Lock } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { lockKeyOf } from './keys.js';
import { acquireLock, releaseLock } from './lock.js';
import { storeTagged } from './store-tagged.js';

export interface PageSource {
  key: string;
  ttlSeconds: number;
  lockTtlMs: number;
  lockWaitMs: number;
  /** Renders the page from Postgres with the tag sets that must list it; null: no such page. */
  render: () => Promise<{ html: string; tagSets: string[] } | null>;
}

/** A catch handler that logs what failed and lets the request go on without Redis. */
function warn(what: string): (error: unknown) => undefined {
  return (error) => {
    console.warn(`[shop] ${what}: ${String(error)}`);
    return undefined;
  };
}

// #region cached-page
/**
 * Cache-aside with one loader per page across processes: a miss takes the page's lock,
 * reads again (another loader may have just finished), renders and stores, then releases.
 * Redis failing costs a render, never the page.
 */
export async function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  const hit = await redis.get(page.key).catch(warn(`could not read ${page.key}`));
  if (typeof hit === 'string') return hit;
  const lock: Lock | null | undefined = await acquireLock(redis, lockKeyOf(page.key), {
    ttlMs: page.lockTtlMs,
    waitMs: page.lockWaitMs,
  }).catch(warn(`could not lock ${page.key}`));
  try {
    if (lock) {
      const loaded = await redis.get(page.key).catch(warn(`could not read ${page.key}`));
      if (typeof loaded === 'string') return loaded;
    }
    const fresh = await page.render();
    if (fresh === null) return null;
    const { key, ttlSeconds } = page;
    const entry = { key, html: fresh.html, ttlSeconds, tagSets: fresh.tagSets };
    await storeTagged(redis, entry).catch(warn(`could not cache ${page.key}`));
    return fresh.html;
  } finally {
    if (lock) await releaseLock(redis, lock).catch(warn(`could not release ${lock.key}`));
  }
}
// #endregion cached-page
