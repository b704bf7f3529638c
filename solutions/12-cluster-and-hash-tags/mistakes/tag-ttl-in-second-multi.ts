/**
 * Mistake: the tag sets get their TTLs in a second MULTI, after the one that writes them
 * Replaces: store-tagged.ts
 * Caught by: 12.7
 *
 * The page and its memberships are written together, and a moment later every set has
 * the right TTL, so a look at Redis afterwards finds nothing wrong. In between, a new set
 * has no TTL at all: a process that dies there, or a second MULTI that fails, leaves a
 * set that never expires.
 */
import type { Cluster } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import type { TaggedPage } from '../src/store-tagged.js';

export type { TaggedPage } from '../src/store-tagged.js';

export async function storeTagged(redis: Cluster, page: TaggedPage): Promise<void> {
  const sets = [...new Set(page.tagSets)];
  const write = redis.multi().set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const set of sets) write.sadd(set, page.key);
  await write.exec();
  const ttl = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  const expire = redis.multi();
  for (const set of sets) expire.expire(set, ttl, 'NX').expire(set, ttl, 'GT');
  await expire.exec();
}
