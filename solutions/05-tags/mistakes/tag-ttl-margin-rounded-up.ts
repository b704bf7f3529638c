/**
 * Mistake: the tag set's TTL set in milliseconds, half a second over the margin "for rounding"
 * Replaces: store-tagged.ts
 * Caught by: 05.4
 *
 * PEXPIRE is more precise than EXPIRE, and half a second on top of the margin looks like
 * harmless insurance against clocks and rounding: NX and GT are kept, so a set still
 * outlives every page it lists, in every order. But the page and its set are written in
 * one step, at one instant of the server's clock, so there is no rounding to absorb: the
 * set now outlives its longest page by more than TAG_TTL_MARGIN_SECONDS, which the README
 * names as the bound. A margin is the slack; slack on top of it is a second margin.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { execWhole } from '../src/exec-whole.js';

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const tagTtlMs = (page.ttlSeconds + TAG_TTL_MARGIN_SECONDS) * 1000 + 500;
  const block = redis.multi().set(page.key, page.html, 'EX', page.ttlSeconds);
  for (const tag of new Set(page.tags)) {
    const set = tagKey(keyPrefix, tag);
    block.sadd(set, page.key).pexpire(set, tagTtlMs, 'NX').pexpire(set, tagTtlMs, 'GT');
  }
  await execWhole(block, page.key);
}
