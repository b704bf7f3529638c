/**
 * Mistake: touch is disabled to save one Redis command per request
 * Replaces: session-store.ts
 * Caught by: 06.5
 *
 * disableTouch reads like a cheap optimisation: most requests do not change the session,
 * so why send Redis anything? Because the EXPIRE is what slides the key. With rolling on,
 * the browser gets a cookie renewed for another maxAge on every response, while the key
 * keeps its first TTL; an active user is logged out maxAge after login, holding a cookie
 * that still looks valid.
 */
import RedisStore from 'connect-redis';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from '../src/keys.js';

export const createSessionStore = (redis: Redis, keyPrefix: string) =>
  new RedisStore({ client: redis, prefix: sessionKeyPrefix(keyPrefix), disableTouch: true });
