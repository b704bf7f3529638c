/**
 * Mistake: a session is not renewed while its key has 95% or more of its life left
 * Replaces: session-store.ts
 * Caught by: 06.5
 *
 * Skipping EXPIRE for sessions renewed a moment ago saves a command per request for
 * busy users, which looks like a cheap optimisation. But the cookie is re-issued with a
 * full maxAge on every request (rolling), while the key keeps what it had: the key now
 * dies before the cookie the browser was just given, by up to a twentieth of its life.
 */
import RedisStore from 'connect-redis';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from '../src/keys.js';

class ThriftyStore extends RedisStore {
  constructor(private readonly redis: Redis, prefix: string) {
    super({ client: redis, prefix });
  }

  override async touch(sid: string, session: Parameters<RedisStore['touch']>[1], done?: (error?: unknown) => void): Promise<void> {
    try {
      const leftMs = await this.redis.pttl(this.prefix + sid);
      if (leftMs >= (session.cookie.originalMaxAge ?? 0) * 0.95) return done?.();
    } catch (error) {
      return done?.(error);
    }
    return super.touch(sid, session, done);
  }
}

export function createSessionStore(redis: Redis, keyPrefix: string): RedisStore {
  return new ThriftyStore(redis, sessionKeyPrefix(keyPrefix));
}
