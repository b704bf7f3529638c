/**
 * Mistake: the page read with GETEX, and a failed read taken for a miss without a word
 * Replaces: cached-page.ts
 * Caught by: 05.16
 *
 * GETEX reads the page like GET (and could refresh its TTL later), and a read that fails
 * is "just a miss": the page is rendered from Postgres and returned, and the store right
 * after it logs when Redis is down. But a read can fail while writes go through: a timeout
 * on a busy server, a replica that reads go to and that is gone. Then every request
 * misses, renders and writes a page it will never read, and nothing is logged: the cache
 * is off and it looks like a slow database. Whatever command reads the page, its failure
 * is logged where it happens.
 */
import type { Redis } from 'ioredis';
import { pageKey } from '../../../labs/05-tags/src/contract.js';
import type { Rendered } from '../src/cached-page.js';
import { storeTagged } from '../src/store-tagged.js';

export async function cachedPage(redis: Redis, keyPrefix: string, page: string, ttlSeconds: number, render: () => Promise<Rendered | null>): Promise<string | null> {
  const key = pageKey(keyPrefix, page);
  const hit = await redis.getex(key).catch(() => null);
  if (hit !== null) return hit;
  const fresh = await render();
  if (fresh === null) return null;
  await storeTagged(redis, keyPrefix, { key, ttlSeconds, ...fresh }).catch((error: unknown) =>
    console.warn(`[pages] could not cache ${key}: ${String(error)}`),
  );
  return fresh.html;
}
