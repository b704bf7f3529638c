/**
 * Mistake: the members are read, then exactly those are deleted and removed from the set in a MULTI
 * Replaces: invalidate-tag.ts
 * Caught by: 05.9
 *
 * The deletes are one MULTI, so a reader sees all of the pages or none, and the server
 * removes them in one step. SREM takes out only the members that were read, so a page
 * listed after the SMEMBERS stays in the set, and the next invalidation still reaches it:
 * nothing is ever left unlisted. But the read and the delete are two steps. A page cached
 * between them is listed under the tag when the MULTI runs, and the MULTI leaves it: the
 * invalidation resolves with a page of its tag still cached, at whatever price it was
 * rendered with, until another price change or its TTL. Reading the set and removing what
 * it lists is one step: a script, or a WATCH on the set with a retry when it changed.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const set = tagKey(keyPrefix, tag);
  const pages = await redis.smembers(set);
  if (pages.length === 0) return 0;
  await execWhole(redis.multi().unlink(...pages).srem(set, ...pages), set);
  return pages.length;
}
