import type { Redis } from 'ioredis';
import { pageKey } from '../../../labs/05-tags/src/contract.js';
import { storeTagged } from './store-tagged.js';

/** A freshly rendered page and the tags it must be listed under. */
export interface Rendered {
  html: string;
  tags: string[];
}

/** Told of each failed Redis call: which step failed (reading or caching the page) and for which key. */
export type OnRedisError = (error: unknown, step: 'read' | 'cache', key: string) => void;

// #region cached-page
/**
 * Cache-aside for one page: Redis first; on a miss render it, then store it with its tags.
 * Null when `render` finds nothing, and then nothing is cached.
 */
export async function cachedPage(
  redis: Redis,
  keyPrefix: string,
  page: string,
  ttlSeconds: number,
  render: () => Promise<Rendered | null>,
  // Logged by default, or a cache that stopped working would look like a slow database.
  onRedisError: OnRedisError = (error, step, key) =>
    console.warn(`[pages] could not ${step} ${key}: ${String(error)}`),
): Promise<string | null> {
  const key = pageKey(keyPrefix, page);
  // A Redis failure costs a render, never the page (lesson 01 also bounds a stalled server).
  const hit = await redis.get(key).catch((error: unknown) => {
    onRedisError(error, 'read', key);
    return null;
  });
  if (hit !== null) return hit;
  const fresh = await render();
  if (fresh === null) return null;
  await storeTagged(redis, keyPrefix, { key, ttlSeconds, ...fresh }).catch((error: unknown) =>
    onRedisError(error, 'cache', key),
  );
  return fresh.html;
}
// #endregion cached-page
