/**
 * Mistake: the process remembers which memberships it has written, and skips them next time
 * Replaces: store-tagged.ts
 * Caught by: 05.7
 *
 * A page is re-cached every few minutes with the same tags, so repeating its SADDs looks
 * like wasted work: remember "this page is in that tag" and send each one once. But the
 * memory lives in the process while the truth lives in Redis. An invalidation deletes the
 * tag set (so do expiry and eviction); the re-cached page is then never listed again, and
 * the next price change leaves it stale. State about Redis, kept where Redis cannot
 * clear it, is wrong as soon as Redis changes without telling you.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

const alreadyListed = new WeakMap<Redis, Set<string>>();

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  let seen = alreadyListed.get(redis);
  if (!seen) alreadyListed.set(redis, (seen = new Set()));
  const fresh = page.tags.filter((tag) => !seen.has(`${tag}|${page.key}`));
  const keepFor = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;

  const tx = redis.multi().set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const tag of fresh) {
    const members = tagKey(keyPrefix, tag);
    tx.sadd(members, page.key);
    tx.expire(members, keepFor, 'NX');
    tx.expire(members, keepFor, 'GT');
  }
  await execWhole(tx, page.key);
  for (const tag of fresh) seen.add(`${tag}|${page.key}`);
}
