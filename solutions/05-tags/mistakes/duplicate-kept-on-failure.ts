/**
 * Mistake: the connection of a WATCHed invalidation is closed only when the call succeeds
 * Replaces: invalidate-tag.ts
 * Caught by: 05.21
 *
 * The WATCH runs on a connection of its own, so no other request's EXEC on the shared
 * client can clear it; a changed set makes EXEC answer null and the members are read again;
 * the MULTI removes the pages and the set in one step, and the connection is closed with
 * quit() before the call resolves. Every call that works leaves no connection behind. But
 * a call that fails (Redis refuses a command, WRONGTYPE on a key that is not a set, a
 * refused EXEC) throws past the quit(): each failure leaves a socket and a server-side
 * client open, and a Redis that refuses for a while fills maxclients. The close belongs in
 * a finally.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const set = tagKey(keyPrefix, tag);
  const connection = redis.duplicate();
  for (;;) {
    await connection.watch(set);
    const pages = await connection.smembers(set);
    const replies = await connection.multi().unlink(...pages, set).exec();
    if (replies === null) continue; // the set changed after the WATCH: read it again
    const failed = replies.find(([error]) => error)?.[0];
    if (failed) throw failed;
    await connection.quit();
    return pages.length;
  }
}
