/**
 * Mistake: the tag's pages are found by name with SCAN, because KEYS is forbidden
 * Replaces: invalidate-tag.ts
 * Caught by: 05.5, 05.6, 05.8, 05.9, 05.10
 *
 * SCAN is the usual answer to "never use KEYS", and it does stop the server from
 * blocking. But it keeps the design that was wrong: it still visits the whole keyspace
 * (in many small trips), `page:product:1*` still matches products 10 to 19, and a
 * category listing or a search that shows product 1 still is not named after it. A tag
 * set names exactly the pages that show the tag; nothing needs to be searched for.
 */
import type { Redis } from 'ioredis';
import { pageKey } from '../../../labs/05-tags/src/contract.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  let removed = 0;
  const stream = redis.scanStream({ match: `${pageKey(keyPrefix, tag)}*`, count: 250 });
  for await (const found of stream) {
    const names = found as string[];
    if (names.length > 0) removed += await redis.unlink(...names);
  }
  return removed;
}
