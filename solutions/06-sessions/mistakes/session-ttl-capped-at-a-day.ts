/**
 * Mistake: a session key lives at most a day, whatever the cookie's maxAge
 * Replaces: session-store.ts
 * Caught by: 06.4
 *
 * A day looks like a sensible ceiling for anything kept in a cache, and every lifetime
 * the app starts with is under it. But "remember me for a week" sets a maxAge of days:
 * the browser keeps the cookie, Redis drops the session after a day, and the user is
 * logged out while holding a cookie that says otherwise.
 */
import RedisStore from 'connect-redis';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from '../src/keys.js';

const DAY_SECONDS = 86_400;

export function createSessionStore(redis: Redis, keyPrefix: string): RedisStore {
  return new RedisStore({
    client: redis,
    prefix: sessionKeyPrefix(keyPrefix),
    ttl: (session) => Math.min(DAY_SECONDS, Math.ceil(((session.cookie.expires?.getTime() ?? Date.now()) - Date.now()) / 1000)),
  });
}
