/**
 * Mistake: the page is written first, its tag memberships in a MULTI of their own
 * Replaces: store-tagged.ts
 * Caught by: 12.13
 *
 * Moving the SET out of the MULTI is a common way to get rid of CROSSSLOT when the page
 * and its sets hash apart, and with one hash tag it still works: every page ends up
 * listed. Between the two steps, though, the page is cached and listed nowhere; an
 * invalidation that runs there misses it, and it keeps the old price for its whole TTL.
 */
import type { Cluster } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import type { TaggedPage } from '../src/store-tagged.js';

export type { TaggedPage } from '../src/store-tagged.js';

export async function storeTagged(redis: Cluster, page: TaggedPage): Promise<void> {
  await redis.set(page.key, page.html, 'EX', page.ttlSeconds);
  const seconds = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  const memberships = redis.multi();
  for (const set of page.tagSets) memberships.sadd(set, page.key).expire(set, seconds, 'NX').expire(set, seconds, 'GT');
  await memberships.exec();
}
