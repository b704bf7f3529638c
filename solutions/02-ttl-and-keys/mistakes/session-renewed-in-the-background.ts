/**
 * Mistake: getSession answers from GET and renews the idle timeout in the background
 * Replaces: sessions.ts
 * Caught by: 02.2
 *
 * The user should not wait for bookkeeping, so the read returns as soon as GET answers
 * and the PEXPIRE is left running, its error logged. On a quiet day the renewal lands a
 * moment later and every check of "is the TTL back to 900 s" passes. But the read has
 * resolved before the session was renewed: a renewal that fails or stalls is lost
 * without anyone knowing, and the user is logged out in the middle of a visit whose
 * every request reported success. GETEX reads and renews in one command, for the price
 * of the GET alone.
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
  deps.redis.pexpire(key, ttlMsFor('session', deps.random)).catch((error: unknown) => console.warn(`[session] ${key}: renewal failed: ${String(error)}`));
  return JSON.parse(raw) as SessionData;
}
