/**
 * Mistake: the page, each SADD and each EXPIRE are sent as separate commands
 * Replaces: store-tagged.ts
 * Caught by: 05.2, 05.3, 05.11
 *
 * Every command is right on its own: SET with EX, SADD, EXPIRE ... NX, EXPIRE ... GT.
 * Awaited one after the other they read like the lesson's block. But each is a step of
 * its own, and every gap is visible: a tag set exists for a moment without a TTL (a crash
 * there keeps it for ever), and the page is cached before any set lists it, where an
 * invalidation cannot find it. The same commands belong in one MULTI ... EXEC.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  await redis.set(page.key, page.html, 'EX', page.ttlSeconds);
  const seconds = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  for (const tag of page.tags) {
    const set = tagKey(keyPrefix, tag);
    await redis.sadd(set, page.key);
    await redis.expire(set, seconds, 'NX');
    await redis.expire(set, seconds, 'GT');
  }
}
