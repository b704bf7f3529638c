/**
 * Mistake: when the server has forgotten the script, the pages go in one UNLINK, the set in another
 * Replaces: invalidate-tag.ts
 * Caught by: 05.8
 *
 * The fallback looks atomic enough: every page of the tag disappears at once, in a single
 * UNLINK, so no reader sees half a site. But the members were read a step before, and the
 * set is removed a step after: a page cached in between is listed in the set that is then
 * deleted, and stays cached, unlisted, out of reach of every later invalidation. Send the
 * script again (EVAL) instead: one step, whatever the server remembers.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';
import { INVALIDATE_TAG_LUA } from '../src/invalidate-tag.js';

export { INVALIDATE_TAG_LUA } from '../src/invalidate-tag.js';

const SHA = createHash('sha1').update(INVALIDATE_TAG_LUA).digest('hex');

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const set = tagKey(keyPrefix, tag);
  try {
    return Number(await redis.evalsha(SHA, 1, set));
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    const pages = await redis.smembers(set);
    for (let first = 0; first < pages.length; first += 1000) await redis.unlink(...pages.slice(first, first + 1000));
    await redis.unlink(set);
    return pages.length;
  }
}
