/**
 * Mistake: a correct WATCH + MULTI invalidation that fails on a tag with no pages
 * Replaces: invalidate-tag.ts
 * Caught by: 05.13
 *
 * WATCH the set, read it, delete the members and the set in a MULTI, and retry when EXEC
 * returns nil: the lesson's alternative to a script, on a connection of its own as it
 * should be. It is tested with a tag that has pages. For a tag nobody cached, SMEMBERS
 * returns [] and the MULTI queues an UNLINK with no keys, which Redis refuses, so the
 * whole EXEC aborts and the invalidation throws. Empty is the common case: a product
 * whose pages expired, or that nobody viewed since the last change.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const set = tagKey(keyPrefix, tag);
  const own = redis.duplicate(); // WATCH belongs to the connection, so the work gets one of its own
  try {
    for (;;) {
      await own.watch(set);
      const pages = await own.smembers(set);
      const replies = await own.multi().unlink(...pages).unlink(set).exec();
      if (replies !== null) return pages.length;
    }
  } finally {
    own.disconnect();
  }
}
