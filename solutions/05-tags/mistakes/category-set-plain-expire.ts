/**
 * Mistake: product tag sets keep NX then GT, but a category's set gets a plain EXPIRE
 * Replaces: store-tagged.ts
 * Caught by: 05.4
 *
 * A category's set mostly lists its listing (five minutes), and a product's set its
 * product page (ten), so only product sets seem to need the care of "never shorten".
 * But a product page shows its category too: cached first, it gives the category's set
 * its eleven minutes, and the listing cached after cuts them to six. For the last four
 * minutes of the product page, invalidating the category no longer reaches it.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const lifetime = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  const block = redis.multi().set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const tag of new Set(page.tags)) {
    const set = tagKey(keyPrefix, tag);
    block.sadd(set, page.key);
    if (tag.startsWith('category:')) block.expire(set, lifetime);
    else block.expire(set, lifetime, 'NX').expire(set, lifetime, 'GT');
  }
  await execWhole(block, page.key);
}
