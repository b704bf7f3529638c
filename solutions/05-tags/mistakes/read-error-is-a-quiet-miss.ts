/**
 * Mistake: a failed page read is a quiet miss; only a failed store is logged
 * Replaces: cached-page.ts
 * Caught by: 05.16
 *
 * Both Redis calls are guarded, the page is always returned, and when Redis is down the
 * store fails right after the read and says so, so logging the read too looks like saying
 * the same thing twice. But a read can fail while writes go through: a GET that times out
 * on a busy server, a replica that reads are sent to and that is gone. Then every request
 * misses, renders from Postgres and writes a page it will never read, and the log is
 * silent: the cache is off and it looks like a slow database. Each failed Redis call is
 * logged where it fails.
 */
import { cachedPage as realCachedPage } from '../src/cached-page.js';

/** The solution's cache-aside read, logging only the stores that fail. */
export function cachedPage(...args: Parameters<typeof realCachedPage>): ReturnType<typeof realCachedPage> {
  const [redis, keyPrefix, page, ttlSeconds, render] = args;
  return realCachedPage(redis, keyPrefix, page, ttlSeconds, render, (error, step, key) => {
    if (step === 'cache') console.warn(`[pages] could not cache ${key}: ${String(error)}`);
  });
}
