/**
 * Mistake: the members are read, then deleted with a pipeline: two steps, not one
 * Replaces: invalidate-tag.ts
 * Caught by: 05.9
 *
 * The pipeline sends all the deletes in one round trip, so it feels atomic. It is not: a
 * pipeline only saves network trips, and other clients' commands still run between the
 * SMEMBERS and the deletes (or between the pipelined commands). A page cached in that gap
 * joins the set after its members were read; deleting the set then drops the only record
 * of it, and the page stays cached, unlisted, out of reach of every later invalidation.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const setKey = tagKey(keyPrefix, tag);
  const pages = await redis.smembers(setKey);
  const batch = redis.pipeline();
  if (pages.length > 0) batch.del(...pages);
  batch.del(setKey);
  await batch.exec();
  return pages.length;
}
