/**
 * Mistake: the tag's pages are unlinked one at a time, so Redis is never busy for long
 * Replaces: invalidate-tag.ts
 * Caught by: 05.8, 05.9
 *
 * Small steps are kind to a busy server, and for a tag with a million pages some batching
 * is even right. But every step is visible: between two UNLINKs a reader gets the new
 * price on one page and the old price on the next, and a page cached midway is lost
 * together with the set. For a tag of ordinary size, one step is both cheap and correct.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const set = tagKey(keyPrefix, tag);
  let removed = 0;
  for (const key of await redis.smembers(set)) {
    removed += await redis.unlink(key);
  }
  await redis.unlink(set);
  return removed;
}
