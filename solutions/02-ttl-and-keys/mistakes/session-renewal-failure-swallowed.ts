/**
 * Mistake: getSession reads with GET, then renews with PEXPIRE and only logs a failed renewal
 * Replaces: sessions.ts
 * Caught by: 02.13
 *
 * The renewal is awaited, so every read has put the TTL back to 900 s when it resolves,
 * and the user got their session: failing the request because of bookkeeping looks
 * harsh. But a renewal that failed (a replica that refuses writes after a failover) or
 * never came back is a session that will expire under a user who is clicking, while
 * every request said all was well. GETEX reads and renews in one command, so the read
 * fails exactly when the renewal does.
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { ttlMsFor } from '../src/ttl-policy.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export { startSession } from '../src/sessions.js';

export async function readSession(deps: CacheDeps, sessionId: string): Promise<SessionData | null> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  const raw = await withTimeout(deps.redis.get(key), deps.redisTimeoutMs, `GET ${key}`);
  if (raw === null) return null;
  const renewal = deps.redis.pexpire(key, ttlMsFor('session', deps.random));
  await withTimeout(renewal, deps.redisTimeoutMs, `PEXPIRE ${key}`).catch((error: unknown) => console.warn(`[session] ${key}: not renewed: ${String(error)}`));
  return JSON.parse(raw) as SessionData;
}
