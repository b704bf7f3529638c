/**
 * Mistake: the tag set is renamed to one fixed key before it is drained
 * Replaces: invalidate-tag.ts
 * Caught by: 05.15
 *
 * RENAME is the lesson's recipe for huge tags: in one command the set moves aside, pages
 * cached from then on start a fresh set, and the moved set can be read and its pages
 * deleted (here in one MULTI) without losing a newcomer. The flaw is the name it moves
 * to. Every invalidation renames onto the same key, so two at once overwrite each other:
 * the second RENAME replaces the first tag's members with its own, and the first tag's
 * pages are never deleted. A temporary key must be unique to its invalidation.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const draining = `${keyPrefix}tag-draining`;
  try {
    await redis.rename(tagKey(keyPrefix, tag), draining);
  } catch (error) {
    if (String(error).includes('no such key')) return 0;
    throw error;
  }
  const pages = await redis.smembers(draining);
  await redis.multi().unlink(...pages, draining).exec();
  return pages.length;
}
