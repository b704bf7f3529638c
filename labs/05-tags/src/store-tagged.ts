// Lab 05: writes one rendered page to Redis.
import type { Redis } from 'ioredis';
import type { TaggedPage } from './contract.js';

/** Caches `page` for its TTL. Its tags are what a later invalidation will look for. */
export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  await redis.set(page.key, page.html, 'EX', page.ttlSeconds);
  // TODO(05): nothing records which pages show which tag (the set of a tag would be
  // tagKey(keyPrefix, tag)), so an invalidation can only guess from key names.
  // TODO(05): whatever you add must expire too, and must never be half-written.
}
