/**
 * Mistake: the lock is released after a successful load only, not in a finally
 * Replaces: cached-page.ts
 * Caught by: 12.7
 *
 * Every load that succeeds releases its lock, and the lock has a TTL, so it looks safe.
 * When the render throws (Postgres down, a timeout), the lock stays until its TTL: every
 * miss of that page, in every process, waits its full lockWaitMs before rendering, just
 * when the database is struggling.
 */
import type { Cluster } from 'ioredis';
import { lockKeyOf } from '../src/keys.js';
import { acquireLock, releaseLock } from '../src/lock.js';
import { storeTagged } from '../src/store-tagged.js';
import type { PageSource } from '../src/cached-page.js';

export type { PageSource } from '../src/cached-page.js';

/** Runs a Redis step; a failure is logged and stands for "no answer". */
async function orNothing<T>(step: Promise<T>, what: string): Promise<T | undefined> {
  try {
    return await step;
  } catch (error) {
    console.error(`[shop] ${what} failed: ${String(error)}`);
    return undefined;
  }
}

export async function cachedPage(redis: Cluster, page: PageSource): Promise<string | null> {
  const cached = await orNothing(redis.get(page.key), `GET ${page.key}`);
  if (typeof cached === 'string') return cached;
  const options = { ttlMs: page.lockTtlMs, waitMs: page.lockWaitMs };
  const lock = await orNothing(acquireLock(redis, lockKeyOf(page.key), options), `lock ${page.key}`);
  const loadedMeanwhile = lock ? await orNothing(redis.get(page.key), `GET ${page.key}`) : undefined;
  let html: string | null;
  if (typeof loadedMeanwhile === 'string') html = loadedMeanwhile;
  else {
    const fresh = await page.render(); // a throw here skips the release below
    if (fresh !== null) await orNothing(storeTagged(redis, { key: page.key, ttlSeconds: page.ttlSeconds, ...fresh }), `store ${page.key}`);
    html = fresh?.html ?? null;
  }
  if (lock) await orNothing(releaseLock(redis, lock), `release ${lock.key}`);
  return html;
}
