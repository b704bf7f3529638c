/**
 * Mistake: the page and its memberships in one MULTI, the sets lengthened in a second step
 * Replaces: store-tagged.ts
 * Caught by: 05.4
 *
 * The MULTI has everything that must be atomic, it seems: the page, its SADDs, and a
 * first TTL for a new set (EXPIRE ... NX). Lengthening an existing set (EXPIRE ... GT)
 * feels like housekeeping that can follow. Until it does, a set that a 60 s search
 * created still dies in two minutes while the 600 s product page just added to it lives
 * on; if the process dies in between, the page outlives its only way to be found and
 * shows the old price until its own TTL ends. Both EXPIREs go in the step that writes
 * the page.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const tagTtlSeconds = page.ttlSeconds + TAG_TTL_MARGIN_SECONDS;
  const sets = [...new Set(page.tags)].map((tag) => tagKey(keyPrefix, tag));
  const block = redis.multi().set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const set of sets) block.sadd(set, page.key).expire(set, tagTtlSeconds, 'NX');
  await execWhole(block, page.key);
  const lengthen = redis.pipeline();
  for (const set of sets) lengthen.expire(set, tagTtlSeconds, 'GT');
  await lengthen.exec();
}
