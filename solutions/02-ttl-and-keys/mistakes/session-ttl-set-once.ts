/**
 * Mistake: the session's TTL is set at login and never renewed
 * Replaces: sessions.ts
 * Caught by: 02.2
 *
 * The key has the right 900 s TTL, so every check of "does it expire" passes. But it is
 * 900 s after login, not after the last click: a user in the middle of checkout is
 * logged out fifteen minutes after signing in. Each read must slide the expiry.
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { ttlMsFor } from '../src/ttl-policy.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function startSession({ redis, keyPrefix, random, redisTimeoutMs }: CacheDeps, sessionId: string, data: SessionData) {
  const key = cacheKey(keyPrefix, 'session', sessionId);
  await withTimeout(redis.set(key, JSON.stringify(data), 'PX', ttlMsFor('session', random)), redisTimeoutMs, `SET ${key}`);
}

export async function readSession({ redis, keyPrefix, redisTimeoutMs }: CacheDeps, sessionId: string): Promise<SessionData | null> {
  const key = cacheKey(keyPrefix, 'session', sessionId);
  const stored = await withTimeout(redis.get(key), redisTimeoutMs, `GET ${key}`);
  if (stored === null) return null;
  return JSON.parse(stored) as SessionData;
}
