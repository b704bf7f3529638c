import type { Redis } from 'ioredis';
import {
  TAG_TTL_MARGIN_SECONDS,
  tagKey,
  type TaggedPage,
} from '../../../labs/05-tags/src/contract.js';
import { execWhole } from './exec-whole.js';

// #region store-tagged
/**
 * Writes the page and lists it in the set of each of its tags, as one MULTI ... EXEC:
 * Redis applies the block whole, so no invalidation can run between the page and its
 * memberships, and a process that dies halfway leaves neither behind.
 */
export async function storeTagged(
  redis: Redis,
  keyPrefix: string,
  page: TaggedPage,
): Promise<void> {
  const tagTtlSeconds = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  const block = redis.multi().set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const tag of new Set(page.tags)) {
    const set = tagKey(keyPrefix, tag);
    // The set must outlive every page it lists, or a page outlives its only way to be
    // found. NX gives a new set its first TTL (GT alone never would: to GT, "no TTL"
    // counts as forever); GT then only ever lengthens it, so a short-lived search page
    // cannot cut short the set that a ten-minute product page still depends on.
    block.sadd(set, page.key).expire(set, tagTtlSeconds, 'NX').expire(set, tagTtlSeconds, 'GT');
  }
  await execWhole(block, page.key);
}
// #endregion store-tagged
