/**
 * Mistake: the tag's pages are read and unlinked one by one, on a connection of its own
 * Replaces: invalidate-tag.ts
 * Caught by: 05.8, 05.9
 *
 * "Give slow, multi-step work a connection of its own" is good advice for WATCH and for
 * blocking commands, and here it keeps a long invalidation from queueing in front of the
 * shared client's page reads. But a second connection changes who sends the commands,
 * not what the server runs: an SMEMBERS followed by one UNLINK per page is still many
 * steps. A reader between two of them sees one page with the new price and the next with
 * the old, and a page cached after the SMEMBERS loses its only listing when the set goes.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';

const sideConnections = new WeakMap<Redis, Redis>();

function sideConnection(redis: Redis): Redis {
  let side = sideConnections.get(redis);
  if (!side) sideConnections.set(redis, (side = redis.duplicate()));
  return side;
}

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const side = sideConnection(redis);
  const set = tagKey(keyPrefix, tag);
  const pages = await side.smembers(set);
  for (const page of pages) await side.unlink(page);
  await side.unlink(set);
  return pages.length;
}
