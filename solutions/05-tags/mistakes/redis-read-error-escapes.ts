/**
 * Mistake: a Redis error on the page read or write fails the page
 * Replaces: cached-page.ts
 * Caught by: 05.16
 *
 * The tagging is all right: every page is listed under what it shows, and written with
 * its memberships in one step. But the cache-aside wrapper awaits Redis bare, so when
 * Redis is down or refuses a write, the error escapes and the shop cannot show a page
 * that Postgres could render in milliseconds. The cache is there to save work, not to
 * be a second point of failure: a failed GET is a miss, and a failed store is skipped.
 */
import { cachedPage as realCachedPage } from '../src/cached-page.js';

/** The solution's cache-aside read, with every Redis failure thrown on to the caller. */
export function cachedPage(...args: Parameters<typeof realCachedPage>): ReturnType<typeof realCachedPage> {
  const [redis, keyPrefix, page, ttlSeconds, render] = args;
  return realCachedPage(redis, keyPrefix, page, ttlSeconds, render, (error) => {
    throw error;
  });
}
