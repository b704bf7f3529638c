/**
 * Mistake: a failing cache is skipped in silence
 * Replaces: cached-page.ts
 * Caught by: 05.16
 *
 * Both Redis calls of the read path are guarded, as they should be: a failed GET is a
 * miss, a failed store is skipped, and every page still renders from Postgres. But the
 * catches are empty. When Redis goes down, or a failover leaves it refusing writes,
 * nothing says so: the pages come back, only slower, and the extra load on Postgres
 * looks like a slow database. A cache that fails must say so where someone will see it.
 */
import { cachedPage as realCachedPage } from '../src/cached-page.js';

/** The solution's cache-aside read, with both Redis failures caught and dropped. */
export function cachedPage(...args: Parameters<typeof realCachedPage>): ReturnType<typeof realCachedPage> {
  const [redis, keyPrefix, page, ttlSeconds, render] = args;
  return realCachedPage(redis, keyPrefix, page, ttlSeconds, render, () => {});
}
