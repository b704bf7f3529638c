// Lab 02: sessions. They live only in Redis, so the TTL is the session's lifetime.
import type { CacheDeps, SessionData } from './contract.js';
import { cacheKey } from './keys.js';
import { ttlMsFor } from './ttl-policy.js';

export async function startSession({ redis, keyPrefix, random }: CacheDeps, sessionId: string, data: SessionData): Promise<void> {
  const key = cacheKey(keyPrefix, 'session', sessionId);
  // TODO(02): and if Redis never answers, does the login wait for ever?
  await redis.set(key, JSON.stringify(data), 'PX', ttlMsFor('session', random));
}

export async function readSession({ redis, keyPrefix }: CacheDeps, sessionId: string): Promise<SessionData | null> {
  // TODO(02): a session should end after 15 idle minutes, not 15 minutes after login.
  // A user who is clicking right now is active: does reading the session say so?
  const raw = await redis.get(cacheKey(keyPrefix, 'session', sessionId));
  return raw === null ? null : (JSON.parse(raw) as SessionData);
}
