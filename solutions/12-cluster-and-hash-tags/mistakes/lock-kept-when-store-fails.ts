/**
 * Mistake: when the store fails, the lock is left to expire
 * Replaces: cached-page.ts
 * Caught by: 12.15
 *
 * A store that failed means Redis is in trouble, so one more command to it looks
 * pointless, and the TTL frees the lock anyway. But a store fails for reasons of its own
 * (a value over a limit, one slot moving) while Redis still answers: every other
 * process's miss of that page then waits lockWaitMs behind a lock nobody holds.
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
    if (fresh === null) return null;
    const { key, ttlSeconds } = page;
    const entry = { key, html: fresh.html, ttlSeconds, tagSets: fresh.tagSets };
    const stored = await storeTagged(redis, entry).then(() => true, warn(`could not cache ${page.key}`));
    // Redis is failing anyway, it seems: the lock is left to its TTL.
    if (!stored) lock = null;
    return fresh.html;
  } finally {
    if (lock) await releaseLock(redis, lock).catch(warn(`could not release ${lock.key}`));
  }
}
