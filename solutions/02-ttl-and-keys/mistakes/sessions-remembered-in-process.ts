/**
 * Mistake: sessions are also kept in a process-local Map, read before Redis
 * Replaces: sessions.ts
 * Caught by: 02.2
 *
 * An in-memory first tier makes the session read, which happens on every request, cost
 * nothing, and Redis still holds every session for the other instances. But a read served
 * from the Map never touches the key, so its idle timeout is not renewed: the user who
 * keeps clicking on this instance is logged out 15 minutes after the last request that
 * happened to reach Redis. (And a logout elsewhere is never seen here.)
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { ttlMsFor } from '../src/ttl-policy.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

const local = new Map<string, SessionData>();

export async function startSession(deps: CacheDeps, sessionId: string, data: SessionData): Promise<void> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  await withTimeout(deps.redis.set(key, JSON.stringify(data), 'PX', ttlMsFor('session', deps.random)), deps.redisTimeoutMs, `SET ${key}`);
  local.set(key, data);
}

export async function readSession(deps: CacheDeps, sessionId: string): Promise<SessionData | null> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  const known = local.get(key);
  if (known) return known;
  const raw = await withTimeout(deps.redis.getex(key, 'PX', ttlMsFor('session', deps.random)), deps.redisTimeoutMs, `GETEX ${key}`);
  if (raw === null) return null;
  const data = JSON.parse(raw) as SessionData;
  local.set(key, data);
  return data;
}
