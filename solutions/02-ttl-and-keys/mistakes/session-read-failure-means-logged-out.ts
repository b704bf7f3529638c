/**
 * Mistake: a session read that fails or times out returns null, "no session"
 * Replaces: sessions.ts
 * Caught by: 02.13
 *
 * The read is bounded and never throws, which is what a cache read should do, and null
 * is a value every caller already handles. But for a session null means "not logged in":
 * during a Redis blip every request is treated as anonymous, users are sent to the login
 * page (whose session write fails too) and carts are dropped. A session read that could
 * not ask Redis must fail the request, so it can be retried, not answer "nobody".
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { ttlMsFor } from '../src/ttl-policy.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export { startSession } from '../src/sessions.js';

export async function readSession(deps: CacheDeps, sessionId: string): Promise<SessionData | null> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  try {
    const raw = await withTimeout(deps.redis.getex(key, 'PX', ttlMsFor('session', deps.random)), deps.redisTimeoutMs, `GETEX ${key}`);
    return raw === null ? null : (JSON.parse(raw) as SessionData);
  } catch (error) {
    console.warn(`[session] ${key}: ${String(error)}; treated as no session`);
    return null;
  }
}
