/**
 * Mistake: the page is listed under its tags first and written afterwards, in separate steps
 * Replaces: store-tagged.ts
 * Caught by: 05.9
 *
 * Listing the page before it exists sounds careful: there is never a moment when the
 * page is cached but cannot be found. But an invalidation can run between the steps. It
 * deletes the tag set, membership and all; the page is written right after, and stays
 * cached while no set lists it, so the next price change cannot find it. Page and
 * memberships belong in one MULTI ... EXEC, where no other command runs in between.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const setTtl = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  for (const tag of page.tags) {
    const set = tagKey(keyPrefix, tag);
    await redis.sadd(set, page.key);
    await redis.expire(set, setTtl, 'NX');
    await redis.expire(set, setTtl, 'GT');
  }
  await redis.set(page.key, page.html, 'EX', page.ttlSeconds);
}
