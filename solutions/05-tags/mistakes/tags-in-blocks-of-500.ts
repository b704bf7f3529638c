/**
 * Mistake: a page's memberships are written in transactions of 500 tags each
 * Replaces: store-tagged.ts
 * Caught by: 05.11
 *
 * Each MULTI is whole, the page is written with the first block, and every set gets SADD
 * with both EXPIREs. With 500 tags to a block, every page of the seed, every search (50
 * rows at most) and a listing of a few hundred products is still one transaction, exactly
 * as before. The blocks are meant to keep one huge transaction from holding the server.
 * But a listing of 1,200 products is three steps, and between the first and the last the
 * page is cached and listed under only 500 of its products: an invalidation of product
 * 1,000 there finds no page to remove, and a process that dies there leaves the page
 * stale for its whole TTL. However many tags a page has, it and its memberships are one
 * step; a MULTI of a few thousand commands is still a short one for Redis.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

const BLOCK = 500;

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const seconds = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  const tags = [...new Set(page.tags)];
  for (let first = 0; first === 0 || first < tags.length; first += BLOCK) {
    const block = redis.multi();
    if (first === 0) block.set(page.key, page.html, 'EX', page.ttlSeconds);
    for (const tag of tags.slice(first, first + BLOCK)) {
      const set = tagKey(keyPrefix, tag);
      block.sadd(set, page.key).expire(set, seconds, 'NX').expire(set, seconds, 'GT');
    }
    await execWhole(block, page.key);
  }
}
