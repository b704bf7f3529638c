/**
 * Mistake: a read renews the session only once a quarter of its idle timeout has run down
 * Replaces: sessions.ts
 * Caught by: 02.2
 *
 * Renewing on every click is a write per request, so the read asks for the value and its
 * PTTL in one transaction and only sends PEXPIRE when less than three quarters is left.
 * Unlike a note in process memory, the PTTL lives in Redis, so every instance agrees, and
 * a user idle for five minutes is renewed. But a user who clicked a moment ago is not: the
 * promise was "15 minutes after the last click", and this makes it anywhere from 11 to 15.
 * GETEX renews in the same command as the read, so the skipped write saves nothing.
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { ttlMsFor } from '../src/ttl-policy.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export { startSession } from '../src/sessions.js';

export async function readSession(deps: CacheDeps, sessionId: string): Promise<SessionData | null> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  const idleMs = ttlMsFor('session', deps.random);
  const replies = await withTimeout(deps.redis.multi().get(key).pttl(key).exec(), deps.redisTimeoutMs, `GET ${key}`);
  const [[, raw], [, leftMs]] = replies as [[Error | null, string | null], [Error | null, number]];
  if (raw === null) return null;
  if (leftMs < (idleMs * 3) / 4) await withTimeout(deps.redis.pexpire(key, idleMs), deps.redisTimeoutMs, `PEXPIRE ${key}`);
  return JSON.parse(raw) as SessionData;
}
