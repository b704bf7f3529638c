/**
 * Mistake: the loader releases its lock once the page is rendered, before storing it
 * Replaces: cached-page.ts
 * Caught by: 12.10
 *
 * The lock guards the render, the expensive part, and the store follows a moment later,
 * so twenty concurrent misses still mostly render once. But in that moment the lock is
 * free and the page not yet cached: a waiter takes the lock, reads again, finds nothing,
 * and renders the page a second time.
 */
import type { Cluster } from 'ioredis';
import { lockKeyOf } from '../src/keys.js';
import { acquireLock, releaseLock } from '../src/lock.js';
import { storeTagged } from '../src/store-tagged.js';
import type { PageSource } from '../src/cached-page.js';

export type { PageSource } from '../src/cached-page.js';

const logged = (what: string) => (error: unknown) => void console.warn(`[shop] ${what}: ${String(error)}`);

export async function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  const hit = await redis.get(page.key).catch(logged('read'));
  if (typeof hit === 'string') return hit;
  const lock = await acquireLock(redis, lockKeyOf(page.key), { ttlMs: page.lockTtlMs, waitMs: page.lockWaitMs }).catch(logged('lock'));
  let fresh: Awaited<ReturnType<PageSource['render']>>;
  try {
    const again = lock ? await redis.get(page.key).catch(logged('read')) : null;
    if (typeof again === 'string') return again;
    fresh = await page.render();
  } finally {
    if (lock) await releaseLock(redis, lock).catch(logged('release'));
  }
  if (fresh === null) return null;
  await storeTagged(redis, { key: page.key, ttlSeconds: page.ttlSeconds, ...fresh }).catch(logged('store'));
  return fresh.html;
}
