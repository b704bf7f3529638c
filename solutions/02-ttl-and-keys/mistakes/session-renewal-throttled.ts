/**
 * Mistake: a session is renewed at most once a minute, remembered in process memory
 * Replaces: sessions.ts
 * Caught by: 02.2
 *
 * Skipping the expiry write when the session was renewed a moment ago looks like a cheap
 * saving on a busy endpoint, and the first read of each session still slides it. But the
 * memory of "renewed a moment ago" is this process's alone, and its clock is not the
 * key's: the same instance's next read leaves the TTL running down, so a user clicking
 * steadily can be logged out mid-checkout. GETEX renews in the same command as the read,
 * so there is nothing to save: renew on every read.
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { ttlMsFor } from '../src/ttl-policy.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

const RENEW_EVERY_MS = 60_000;
const lastRenewed = new Map<string, number>();

export async function startSession(deps: CacheDeps, sessionId: string, data: SessionData): Promise<void> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  await withTimeout(deps.redis.set(key, JSON.stringify(data), 'PX', ttlMsFor('session', deps.random)), deps.redisTimeoutMs, `SET ${key}`);
  lastRenewed.set(key, Date.now());
}

export async function readSession(deps: CacheDeps, sessionId: string): Promise<SessionData | null> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  const due = Date.now() - (lastRenewed.get(key) ?? 0) >= RENEW_EVERY_MS;
  const read = due ? deps.redis.getex(key, 'PX', ttlMsFor('session', deps.random)) : deps.redis.get(key);
  const raw = await withTimeout(read, deps.redisTimeoutMs, `read ${key}`);
  if (raw !== null && due) lastRenewed.set(key, Date.now());
  return raw === null ? null : (JSON.parse(raw) as SessionData);
}
