/**
 * Mistake: each write sets the tag set's TTL to twice its own page's, replacing the last
 * Replaces: store-tagged.ts
 * Caught by: 05.4
 *
 * "Give tag sets double the TTL of their keys" is a common recipe, and with one class of
 * page it works. But a plain EXPIRE overwrites whatever TTL the set had: a 60 s search
 * page cached after a 600 s product page cuts the shared set down to 120 s, and for the
 * following eight minutes the product page is cached but listed nowhere, so a price
 * change cannot reach it. The other way round the set lingers ten minutes past its pages.
 */
import type { Redis } from 'ioredis';
import { tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const batch = redis.pipeline();
  batch.set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const tag of page.tags) {
    const setName = tagKey(keyPrefix, tag);
    batch.sadd(setName, page.key);
    batch.expire(setName, page.ttlSeconds * 2);
  }
  await execWhole(batch, page.key);
}
