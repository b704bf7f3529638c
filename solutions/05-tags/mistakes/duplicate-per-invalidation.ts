/**
 * Mistake: every invalidation opens a connection of its own for WATCH, and never closes it
 * Replaces: invalidate-tag.ts
 * Caught by: 05.21
 *
 * WATCH guards a transaction only on a connection nobody else uses, so a fresh duplicate()
 * per invalidation makes WATCH + MULTI correct: atomic, retried when a page is added to the
 * set meanwhile. But nothing closes it. Every price change leaves a socket open and a client
 * on the server, until the process or the server runs out of them. quit() it in a finally,
 * keep one per process, or use a script, which needs no connection of its own.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const own = redis.duplicate();
  const set = tagKey(keyPrefix, tag);
  for (;;) {
    await own.watch(set);
    const pages = await own.smembers(set);
    if (await own.multi().unlink(set, ...pages).exec()) return pages.length;
  }
}
