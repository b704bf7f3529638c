/**
 * Mistake: only logged-in sessions are renewed by activity
 * Replaces: session-store.ts
 * Caught by: 06.5
 *
 * An anonymous cart seems cheap to lose, and skipping its EXPIRE saves a write on every
 * page a visitor browses. But the cookie is re-sent with a fresh expiry all the same, so
 * a visitor who keeps shopping holds a live cookie while the key behind it runs out, and
 * the cart vanishes mid-visit. Sliding expiry is for every session the request carries.
 */
import RedisStore from 'connect-redis';
import type { SessionData } from 'express-session';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from '../src/keys.js';

class LoggedInSlidingStore extends RedisStore {
  override async touch(sid: string, session: SessionData, done?: (error?: unknown) => void): Promise<void> {
    if (session.userId === undefined) return done?.();
    return super.touch(sid, session, done);
  }
}

export function createSessionStore(redis: Redis, keyPrefix: string): RedisStore {
  return new LoggedInSlidingStore({ client: redis, prefix: sessionKeyPrefix(keyPrefix) });
}
