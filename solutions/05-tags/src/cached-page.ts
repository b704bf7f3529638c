import type { Redis } from 'ioredis';
import { pageKey } from '../../../labs/05-tags/src/contract.js';
import { storeTagged } from './store-tagged.js';

/** A freshly rendered page and the tags it must be listed under. */
export interface Rendered {
  html: string;
  tags: string[];
}

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
): Promise<string | null> {
  const key = pageKey(keyPrefix, page);
  // A Redis failure costs a render, never the page (lesson 01 also bounds a stalled
  // server); it is logged, or a cache that stopped working would look like a slow database.
  const hit = await redis.get(key).catch((error: unknown) => {
    console.warn(`[pages] could not read ${key}: ${String(error)}`);
    return null;
  });
  if (hit !== null) return hit;
  const fresh = await render();
  if (fresh === null) return null;
  await storeTagged(redis, keyPrefix, { key, ttlSeconds, ...fresh }).catch((error: unknown) =>
    console.warn(`[pages] could not cache ${key}: ${String(error)}`),
  );
  return fresh.html;
}
// #endregion cached-page
