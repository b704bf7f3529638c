/**
 * Mistake: session writes are made best effort, like cache writes
 * Replaces: sessions.ts
 * Caught by: 02.9, 02.13
 *
 * Catching Redis errors is the right call for a cache, so doing it here too looks
 * consistent. But a session has no copy anywhere else. When a full Redis refuses the
 * write, login reports success, the browser gets a cookie for a session that does not
 * exist, and the next request is logged out with no error anywhere but a log line.
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { ttlMsFor } from '../src/ttl-policy.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export { readSession } from '../src/sessions.js';

export async function startSession(deps: CacheDeps, sessionId: string, data: SessionData): Promise<void> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  try {
    await withTimeout(deps.redis.set(key, JSON.stringify(data), 'PX', ttlMsFor('session', deps.random)), deps.redisTimeoutMs, `SET ${key}`);
  } catch (error) {
    console.warn(`could not store session ${sessionId}`, error);
  }
}
