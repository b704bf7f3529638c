// The lock that lets one process pay for a call while the others wait: an owner token,
// a TTL set with it, and a release that deletes only the owner's own lock.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface FlightLock {
  key: string;
  token: string;
}

// #region lock
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** The lock, or null when another process holds it. Redis errors reach the caller. */
export async function tryLock(redis: Redis, key: string, ttlMs: number) {
  const token = randomUUID();
  const taken = await redis.set(key, token, 'PX', ttlMs, 'NX');
  return taken === 'OK' ? { key, token } : null;
}

/** Deletes the lock if it is still ours: one compare-and-delete on the server. */
export async function unlock(redis: Redis, lock: FlightLock): Promise<void> {
  await redis.eval(RELEASE, 1, lock.key, lock.token);
}
// #endregion lock
