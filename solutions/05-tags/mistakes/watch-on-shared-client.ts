/**
 * Mistake: WATCH + MULTI on the process's shared client
 * Replaces: invalidate-tag.ts
 * Caught by: 05.9
 *
 * It is the lesson's alternative to a script: WATCH the set, read it, delete the members
 * and the set in a MULTI, retry when EXEC returns nil. Alone on its connection it works.
 * But WATCH belongs to the connection, and this one carries every request of the
 * process. When two invalidations run at once, the first EXEC (or any other request's)
 * clears every WATCH on the connection, so the second MULTI runs unguarded: a page cached
 * after its SMEMBERS is dropped from the set and never deleted. Use a script, or give the
 * WATCH a connection of its own.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const set = tagKey(keyPrefix, tag);
  for (;;) {
    await redis.watch(set);
    const pages = await redis.smembers(set);
    const block = redis.multi();
    for (let first = 0; first < pages.length; first += 1000) block.unlink(...pages.slice(first, first + 1000));
    if ((await block.unlink(set).exec()) !== null) return pages.length;
  }
}
