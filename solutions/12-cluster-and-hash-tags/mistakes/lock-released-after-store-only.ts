/**
 * Mistake: the lock is released only once a page has been stored
 * Replaces: cached-page.ts
 * Caught by: 12.1, 12.15
 *
 * Releasing right after the store reads naturally: the page is in Redis, so the next
 * loader will find it. A miss that renders nothing (no such product) or whose store fails
 * returns early, though, and its lock stays until its TTL: meanwhile every other
 * process's request for that page waits lockWaitMs behind a lock nobody holds. A crawler
 * asking for missing products, or one slot being moved, slows everybody down.
 */
import type { Cluster } from 'ioredis';
import type { PageSource } from '../src/cached-page.js';
import { lockKeyOf } from '../src/keys.js';
import { acquireLock, releaseLock } from '../src/lock.js';
import { storeTagged } from '../src/store-tagged.js';

export type { PageSource } from '../src/cached-page.js';

const warn = (what: string) => (error: unknown) => void console.warn(`[shop] ${what}: ${String(error)}`);

export async function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  const hit = await redis.get(page.key).catch(warn(`could not read ${page.key}`));
  if (typeof hit === 'string') return hit;
  const lock = await acquireLock(redis, lockKeyOf(page.key), { ttlMs: page.lockTtlMs, waitMs: page.lockWaitMs }).catch(warn(`could not lock ${page.key}`));
  const loaded = lock ? await redis.get(page.key).catch(warn(`could not read ${page.key}`)) : undefined;
  if (typeof loaded === 'string') {
    await releaseLock(redis, lock!).catch(warn('could not release'));
    return loaded;
  }
  const fresh = await page.render();
  if (fresh === null) return null;
  try {
    await storeTagged(redis, { key: page.key, ttlSeconds: page.ttlSeconds, ...fresh });
  } catch (error) {
    warn(`could not cache ${page.key}`)(error);
    return fresh.html;
  }
  if (lock) await releaseLock(redis, lock).catch(warn('could not release'));
  return fresh.html;
}
