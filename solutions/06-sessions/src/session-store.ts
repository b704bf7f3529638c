import RedisStore from 'connect-redis';
import type { Redis } from 'ioredis';
import { sessionKeyPrefix } from './keys.js';

// #region session-store
/**
 * Sessions in Redis, shared by every instance that is given a client to the same server.
 *
 * No `ttl` option on purpose: when the cookie has a maxAge, connect-redis writes each
 * session with `SET key json EX <seconds the cookie has left>`, and `touch()` (called
 * for every request that loads a session without changing it) runs EXPIRE with the
 * renewed figure. The key then lives exactly as long as the cookie that points at it.
 * Leave touch and TTLs enabled: without them, keys outlive their cookies or the other
 * way round.
 */
export function createSessionStore(redis: Redis, keyPrefix: string): RedisStore {
  return new RedisStore({ client: redis, prefix: sessionKeyPrefix(keyPrefix) });
}
// #endregion session-store
