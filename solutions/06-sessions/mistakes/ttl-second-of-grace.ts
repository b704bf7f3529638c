/**
 * Mistake: the key gets a second more than the cookie, "so it never dies first"
 * Replaces: session-store.ts
 * Caught by: 06.4, 06.5
 *
 * A key that expires a moment before its cookie would log out a user whose browser still
 * sends it, so one second of grace looks like a safe margin. But the browser drops the
 * cookie at maxAge whatever Redis holds: the extra second only keeps a session nobody can
 * present, and it is the key's TTL the README pins to the cookie's maxAge, not more.
 * connect-redis already rounds the remaining life up to a whole second.
 */
import RedisStore from 'connect-redis';
import type { SessionData } from 'express-session';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from '../src/keys.js';

const secondsLeft = (session: SessionData) => Math.ceil((new Date(session.cookie.expires ?? Date.now()).getTime() - Date.now()) / 1000);

export function createSessionStore(redis: Redis, keyPrefix: string): RedisStore {
  return new RedisStore({ client: redis, prefix: sessionKeyPrefix(keyPrefix), ttl: (session: SessionData) => secondsLeft(session) + 1 });
}
