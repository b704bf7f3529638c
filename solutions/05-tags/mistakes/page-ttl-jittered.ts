/**
 * Mistake: each page's TTL shortened by a random few seconds to spread expiries
 * Replaces: store-tagged.ts
 * Caught by: 05.3
 *
 * Jitter is a well-known cure for a stampede: pages cached in the same second should not
 * all expire in the same second. The tag sets follow the shortened TTL, so nothing is left
 * unreachable, and a check that allows a few seconds of slack sees a TTL "close enough".
 * But the README gives each class its TTL, and here a page lives up to four seconds less
 * than promised, at random: a cache tuned to its TTLs renders more often than it was sized
 * for. Spreading expiries is a decision of its own, made where the TTLs are set.
 */
import type { Redis } from 'ioredis';
import type { TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { storeTagged as realStoreTagged } from '../src/store-tagged.js';

export function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const jitter = Math.floor(Math.random() * 5);
  return realStoreTagged(redis, keyPrefix, { ...page, ttlSeconds: page.ttlSeconds - jitter });
}
