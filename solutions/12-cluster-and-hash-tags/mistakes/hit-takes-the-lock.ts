/**
 * Mistake: every read goes through the loader lock, hits included
 * Replaces: cached-page.ts
 * Caught by: 12.1
 *
 * Taking the lock first and reading under it is simple and always correct: one loader
 * per page, no double render. But each hit now costs a SET NX, a GET and a release
 * script instead of one GET, and every reader of a hot page queues behind the others on
 * its lock key, on one primary.
 */
import type { Cluster } from 'ioredis';
import { lockKeyOf } from '../src/keys.js';
import { acquireLock, releaseLock } from '../src/lock.js';
import { cachedPage as cachedRight, type PageSource } from '../src/cached-page.js';

export type { PageSource } from '../src/cached-page.js';

export async function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  const lock = await acquireLock(redis, lockKeyOf(page.key), { ttlMs: page.lockTtlMs, waitMs: page.lockWaitMs }).catch(() => null);
  try {
    return await cachedRight(redis, { ...page, lockWaitMs: 0 });
  } finally {
    if (lock) await releaseLock(redis, lock).catch(() => {});
  }
}
