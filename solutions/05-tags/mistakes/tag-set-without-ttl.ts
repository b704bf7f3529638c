/**
 * Mistake: the tag sets are written without a TTL
 * Replaces: store-tagged.ts
 * Caught by: 05.3, 05.4
 *
 * The page has its TTL and a set "only holds key names", so leaving it without one feels
 * harmless. But every product, category and search ever cached leaves a set behind that
 * never goes away, full of page keys that expired long ago. Memory grows for as long as
 * the server runs, and under a volatile-* eviction policy these keys cannot be evicted.
 */
import type { Redis } from 'ioredis';
import { tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const tx = redis.multi();
  tx.set(page.key, page.html, 'EX', page.ttlSeconds);
  page.tags.forEach((tag) => tx.sadd(tagKey(keyPrefix, tag), page.key));
  await execWhole(tx, page.key);
}
