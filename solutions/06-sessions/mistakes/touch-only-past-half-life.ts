/**
 * Mistake: the TTL is renewed only once less than half of it is left
 * Replaces: session-store.ts
 * Caught by: 06.5
 *
 * Skipping the EXPIRE while the key still has most of its life looks like a cheap saving
 * that no user can notice: the key is renewed long before it runs out. But every response
 * re-sends the cookie with a full maxAge, so after a skipped renewal the browser holds a
 * cookie that outlives its key by up to half the session: a user active every few minutes
 * is logged out while the cookie says there is time left. Renew both, on every request.
 */
import RedisStore from 'connect-redis';
import type { SessionData } from 'express-session';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from '../src/keys.js';

class HalfLifeStore extends RedisStore {
  constructor(private readonly redis: Redis, private readonly keys: string) {
    super({ client: redis, prefix: keys });
  }

  override async touch(sid: string, session: SessionData, done?: (error?: unknown) => void): Promise<void> {
    const leftMs = await this.redis.pttl(this.keys + sid).catch(() => 0);
    if (leftMs > (session.cookie.originalMaxAge ?? 0) / 2) return done?.();
    return super.touch(sid, session, done);
  }
}

export function createSessionStore(redis: Redis, keyPrefix: string): RedisStore {
  return new HalfLifeStore(redis, sessionKeyPrefix(keyPrefix));
}
