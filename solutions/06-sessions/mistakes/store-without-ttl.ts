/**
 * Mistake: the store writes sessions with no TTL, "the cookie already expires them"
 * Replaces: session-store.ts
 * Caught by: 06.4, 06.5
 *
 * It sounds like one expiry too many: the browser drops the cookie after maxAge, so the
 * session is unreachable anyway. But the key is still in Redis, forever. Every abandoned
 * session (closed tab, cleared cookies, a bot) accumulates until memory fills, and under
 * an allkeys eviction policy live sessions start being evicted to make room for dead
 * ones. The key must expire with its cookie.
 */
import RedisStore from 'connect-redis';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from '../src/keys.js';

export function createSessionStore(redis: Redis, keyPrefix: string): RedisStore {
  return new RedisStore({
    client: redis,
    prefix: sessionKeyPrefix(keyPrefix),
    disableTTL: true, // the cookie's maxAge handles expiry
  });
}
