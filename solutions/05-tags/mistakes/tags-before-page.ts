/**
 * Mistake: the page is listed under its tags first, and written in a second step
 * Replaces: store-tagged.ts
 * Caught by: 05.9, 05.11
 *
 * Listing the page before it exists sounds careful: there is never a moment when the
 * page is cached but cannot be found, and the memberships go in one MULTI with their
 * TTLs. But an invalidation can run between the two steps. It deletes the tag set,
 * membership and all; the page is written right after, and stays cached while no set
 * lists it, so the next price change cannot find it. Page and memberships belong in one
 * MULTI ... EXEC, where no other command runs in between.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const setTtl = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  const listing = redis.multi();
  for (const tag of page.tags) {
    const set = tagKey(keyPrefix, tag);
    listing.sadd(set, page.key).expire(set, setTtl, 'NX').expire(set, setTtl, 'GT');
  }
  await execWhole(listing, page.key);
  await redis.set(page.key, page.html, 'EX', page.ttlSeconds);
}
