/**
 * Mistake: when the server has forgotten the script, invalidate with plain commands instead
 * Replaces: invalidate-tag.ts
 * Caught by: 05.8
 *
 * NOSCRIPT looks like a rare operational hiccup (a restart, a failover), and "do the same
 * thing without the script" looks like a graceful fallback that keeps prices fresh. But
 * the fallback is the non-atomic version: right after every restart or failover, readers
 * see half a tag removed, and a page cached midway is dropped from the set. Send the
 * script again (EVAL), which is just as atomic and teaches the server the script anew.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';
import { INVALIDATE_TAG_LUA } from '../src/invalidate-tag.js';

const SHA = createHash('sha1').update(INVALIDATE_TAG_LUA).digest('hex');

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const set = tagKey(keyPrefix, tag);
  try {
    return Number(await redis.evalsha(SHA, 1, set));
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    const pages = await redis.smembers(set);
    for (const page of pages) await redis.unlink(page);
    await redis.unlink(set);
    return pages.length;
  }
}
