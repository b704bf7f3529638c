/**
 * Mistake: each store sets the tag set's TTL with a plain EXPIRE
 * Replaces: store-tagged.ts
 * Caught by: 12.7
 *
 * The TTL is set in the same MULTI, so no set is ever without one. But the last page
 * stored decides it: a listing (300 s) stored after a product page (600 s) cuts the
 * product's set to 360 s, and for the last four minutes of the product page's life no set
 * lists it, so no price change can reach it. EXPIRE NX, then GT, only ever lengthens it.
 */
import type { Cluster } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import type { TaggedPage } from '../src/store-tagged.js';

export type { TaggedPage } from '../src/store-tagged.js';

export async function storeTagged(redis: Cluster, page: TaggedPage): Promise<void> {
  const block = redis.multi().set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const set of new Set(page.tagSets)) block.sadd(set, page.key).expire(set, page.ttlSeconds + TAG_TTL_MARGIN_SECONDS);
  const replies = await block.exec();
  if (!replies || replies.some(([error]) => error)) throw new Error(`could not store ${page.key}`);
}
