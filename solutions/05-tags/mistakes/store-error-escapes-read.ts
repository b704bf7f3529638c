/**
 * Mistake: a failed read is a miss, but a failed store fails the page
 * Replaces: cached-page.ts
 * Caught by: 05.16
 *
 * The GET is guarded: when it fails, Redis is taken for down, and the page is rendered
 * from Postgres and returned without touching the cache again. With Redis down, every
 * page still renders. But Redis can answer reads and refuse writes (a primary that a
 * failover demoted to a read-only replica, a server out of memory): the GET misses, the
 * page renders, and the unguarded store rejects the whole read. Every Redis call needs
 * the same answer: a failure costs the cache, never the page.
 */
import { cachedPage as realCachedPage } from '../src/cached-page.js';

/** The solution's cache-aside read; a failed store is thrown on unless the GET already failed. */
export function cachedPage(...args: Parameters<typeof realCachedPage>): ReturnType<typeof realCachedPage> {
  const [redis, keyPrefix, page, ttlSeconds, render] = args;
  let redisDown = false;
  return realCachedPage(redis, keyPrefix, page, ttlSeconds, render, (error, step, key) => {
    if (step === 'read') {
      // Redis is down: skip the cache for this read.
      redisDown = true;
      console.warn(`[pages] could not read ${key}: ${String(error)}`);
    } else if (!redisDown) {
      throw error; // Redis answered the GET, so it is up
    }
  });
}
