/**
 * Mistake: no session key lives longer than an hour, whatever the cookie says
 * Replaces: session-store.ts
 * Caught by: 06.4
 *
 * A cap on the TTL reads like good hygiene for Redis memory, and with the 15-minute
 * default it never bites. But an app configured for longer sessions hands out cookies
 * that outlive their keys: after an hour the browser still sends a cookie that points
 * at nothing, and the user is logged out with hours left on it. The key lives exactly as
 * long as its cookie; a shorter session is a shorter maxAge.
 */
import RedisStore from 'connect-redis';
import type { SessionData } from 'express-session';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from '../src/keys.js';

const HOUR_S = 60 * 60;
const secondsLeft = (session: SessionData) => Math.ceil((new Date(session.cookie.expires ?? Date.now()).getTime() - Date.now()) / 1000);

export function createSessionStore(redis: Redis, keyPrefix: string): RedisStore {
  return new RedisStore({ client: redis, prefix: sessionKeyPrefix(keyPrefix), ttl: (session: SessionData) => Math.min(secondsLeft(session), HOUR_S) });
}
