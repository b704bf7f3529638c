/**
 * Mistake: every tag set lives for the longest page TTL plus the margin, whatever it lists
 * Replaces: store-tagged.ts
 * Caught by: 05.4
 *
 * 600 s + 60 s covers every page class, so no set can ever die before a page it lists,
 * and a plain EXPIRE is simpler than NX plus GT. It is the safe direction, and it is
 * still outside the bound: a set that only lists one-minute search pages stays eleven
 * minutes, ten of them holding keys that expired long ago. With many search terms and
 * products, most of the tag memory is dead. The set lives as long as its longest-lived
 * page, plus the margin, and no longer.
 */
import type { Redis } from 'ioredis';
import { PAGE_TTL_SECONDS, TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

const SET_SECONDS = Math.max(...Object.values(PAGE_TTL_SECONDS)) + TAG_TTL_MARGIN_SECONDS;

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const block = redis.multi().set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const tag of page.tags) block.sadd(tagKey(keyPrefix, tag), page.key).expire(tagKey(keyPrefix, tag), SET_SECONDS);
  await execWhole(block, page.key);
}
