/**
 * Mistake: SMEMBERS, then one MULTI that deletes the pages and the set, on a side connection
 * Replaces: invalidate-tag.ts
 * Caught by: 05.9
 *
 * The deletes run in one MULTI ... EXEC, so no reader ever sees half of them, and a
 * connection of its own keeps the work off the shared client. But MULTI only makes the
 * deletes one step; the SMEMBERS before it is another. A page cached between the two is
 * added to the set, which the MULTI then deletes without deleting the page: it stays
 * cached and unlisted. Without a WATCH on the set (and a retry when EXEC returns nil),
 * or a script, the read and the delete are not one step.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';

const sideConnections = new WeakMap<Redis, Redis>();

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  let side = sideConnections.get(redis);
  if (!side) sideConnections.set(redis, (side = redis.duplicate()));
  const set = tagKey(keyPrefix, tag);
  const pages = await side.smembers(set);
  await side.multi().unlink(...pages, set).exec();
  return pages.length;
}
