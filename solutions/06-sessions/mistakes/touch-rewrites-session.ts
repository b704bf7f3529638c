/**
 * Mistake: the store's touch() writes the whole session again, to renew data and TTL in one go
 * Replaces: session-store.ts
 * Caught by: 06.16, 06.9
 *
 * A store of one's own (or a subclass) often ends up with `touch = set`: one code path,
 * the key gets a fresh TTL, and sliding expiry works (06.5 is green). But touch runs at
 * the end of every request that did not change the session, with the copy that request
 * loaded when it started. A read that overlaps a logout writes the session back after
 * the DEL, and the user who logged out is logged in again; a read that overlaps a cart
 * change writes the old cart back. Touch must only extend a key that still exists
 * (EXPIRE), never write data.
 */
import RedisStore from 'connect-redis';
import type { SessionData } from 'express-session';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from '../src/keys.js';

class RenewingStore extends RedisStore {
  override async touch(sid: string, sess: SessionData, cb?: (err?: unknown) => void): Promise<void> {
    // SET with a fresh EX: the data and the TTL renewed together.
    return this.set(sid, sess, cb);
  }
}

export function createSessionStore(redis: Redis, keyPrefix: string): RedisStore {
  return new RenewingStore({ client: redis, prefix: sessionKeyPrefix(keyPrefix) });
}
