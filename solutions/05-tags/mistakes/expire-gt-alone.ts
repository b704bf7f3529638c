/**
 * Mistake: EXPIRE ... GT on its own, so a new tag set never gets a TTL
 * Replaces: store-tagged.ts
 * Caught by: 05.3, 05.4
 *
 * GT ("only if greater") is the right tool to make sure a write never shortens a tag
 * set's life, and it reads as if it covered the first write too. It does not: for GT a
 * key without a TTL lives forever, nothing is greater than forever, so the EXPIRE is
 * refused and a fresh set keeps no TTL at all. Pair it with EXPIRE ... NX, which sets
 * the first one.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const lifetime = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  const commands = redis.multi().set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const name of page.tags) {
    commands.sadd(tagKey(keyPrefix, name), page.key);
    commands.expire(tagKey(keyPrefix, name), lifetime, 'GT');
  }
  await execWhole(commands, page.key);
}
