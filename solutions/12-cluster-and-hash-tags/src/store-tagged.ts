import type { Cluster } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';

/** A rendered page, its key, how long it may live, and the keys of the tag sets that list it. */
export interface TaggedPage {
  key: string;
  html: string;
  ttlSeconds: number;
  tagSets: string[];
}

// #region store-tagged
/**
 * The page and its memberships in one MULTI ... EXEC. On a cluster that is only allowed
 * because every key in it carries the category's hash tag: one slot, one primary.
 */
export async function storeTagged(redis: Cluster, page: TaggedPage): Promise<void> {
  const tagTtlSeconds = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  const block = redis.multi().set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const set of new Set(page.tagSets)) {
    block.sadd(set, page.key).expire(set, tagTtlSeconds, 'NX').expire(set, tagTtlSeconds, 'GT');
  }
  const replies = await block.exec();
  const failed = replies?.find(([error]) => error)?.[0];
  if (!replies || failed) throw failed ?? new Error(`MULTI for ${page.key} was discarded`);
}
// #endregion store-tagged
