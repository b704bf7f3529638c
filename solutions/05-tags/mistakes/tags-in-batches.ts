/**
 * Mistake: a page's memberships are written in transactions of eight tags each
 * Replaces: store-tagged.ts
 * Caught by: 05.11
 *
 * Each MULTI is whole, the page is written with the first batch, and every set still gets
 * SADD with both EXPIREs, so a product page (two tags) is stored exactly as before. The
 * batches are meant to keep one long transaction of a big listing from holding the server.
 * But a listing of three hundred products is then forty steps, and between the first and
 * the last the page is cached and listed under only eight of its products: an invalidation
 * of product 250 in that gap finds no page to remove, and a process that dies there leaves
 * the page stale for its whole TTL. The page and all its memberships are one fact, however
 * many tags it has; a MULTI of a few hundred commands is still a short step for Redis.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

const BATCH = 8;

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const seconds = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  const tags = [...new Set(page.tags)];
  for (let first = 0; first === 0 || first < tags.length; first += BATCH) {
    const block = redis.multi();
    if (first === 0) block.set(page.key, page.html, 'EX', page.ttlSeconds);
    for (const tag of tags.slice(first, first + BATCH)) {
      const set = tagKey(keyPrefix, tag);
      block.sadd(set, page.key).expire(set, seconds, 'NX').expire(set, seconds, 'GT');
    }
    await execWhole(block, page.key);
  }
}
