/**
 * Mistake: each process renews a session's TTL at most once every ten seconds
 * Replaces: session-store.ts
 * Caught by: 06.5
 *
 * An EXPIRE on every request looks like waste, so the store remembers when it last
 * touched each session and skips the ones touched recently. But the cookie is re-sent with
 * a fresh expiry on every response, so the browser now holds a cookie that outlives the
 * key, and the memo is a Map in one process that every other process ignores: a user
 * active on one instance is logged out by the TTL another instance never renewed.
 */
import RedisStore from 'connect-redis';
import type { SessionData } from 'express-session';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from '../src/keys.js';

const THROTTLE_MS = 10_000;

class ThrottledStore extends RedisStore {
  private readonly touchedAt = new Map<string, number>();

  override async touch(sid: string, session: SessionData, done?: (error?: unknown) => void): Promise<void> {
    const last = this.touchedAt.get(sid);
    if (last !== undefined && Date.now() - last < THROTTLE_MS) return done?.();
    this.touchedAt.set(sid, Date.now());
    return super.touch(sid, session, done);
  }
}

export function createSessionStore(redis: Redis, keyPrefix: string): RedisStore {
  return new ThrottledStore({ client: redis, prefix: sessionKeyPrefix(keyPrefix) });
}
