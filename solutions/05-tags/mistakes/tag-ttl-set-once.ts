/**
 * Mistake: a tag set gets its TTL once, when it is created, and is never extended
 * Replaces: store-tagged.ts
 * Caught by: 05.4
 *
 * EXPIRE ... NX avoids the overwrite of a plain EXPIRE, so a short-lived page can no
 * longer cut a set short. But now the first page to create the set fixes its life for
 * good: a 60 s search page creates product:8's set for two minutes, the ten-minute product
 * page cached right after cannot extend it, and once the set expires that product page
 * is out of reach of any invalidation.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const seconds = String(page.ttlSeconds + TAG_TTL_MARGIN_SECONDS);
  const sets = page.tags.map((tag) => tagKey(keyPrefix, tag));
  const block = redis.multi([
    ['set', page.key, page.html, 'EX', String(page.ttlSeconds)],
    ...sets.flatMap((set) => [
      ['sadd', set, page.key],
      ['expire', set, seconds, 'NX'],
    ]),
  ]);
  await execWhole(block, page.key);
}
