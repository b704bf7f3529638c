/**
 * Mistake: the page is written first, then its tags in a transaction of their own
 * Replaces: store-tagged.ts
 * Caught by: 05.11
 *
 * Every key gets its TTL in the step that writes it (SET ... EX for the page, SADD with
 * both EXPIREs in one MULTI for the sets), and writing the page before the memberships
 * avoids the trap of a set that lists a page not yet written. But between the two steps
 * the page is cached and listed nowhere: an invalidation that runs there cannot find it,
 * and a process that dies there leaves it unlisted until its TTL ends. The page and its
 * memberships are one fact, and belong in one MULTI ... EXEC.
 */
import type { Redis } from 'ioredis';
import type { TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { storeTagged as storeWithTags } from '../src/store-tagged.js';

/** The page on its own first; then the solution's MULTI, which lists it (and writes it again). */
export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  await redis.set(page.key, page.html, 'EX', page.ttlSeconds);
  await storeWithTags(redis, keyPrefix, page);
}
