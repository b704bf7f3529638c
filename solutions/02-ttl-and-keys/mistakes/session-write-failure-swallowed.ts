/**
 * Mistake: session writes are made best effort, like cache writes
 * Replaces: sessions.ts
 * Caught by: 02.9
 *
 * Catching Redis errors is the right call for a cache, so doing it here too looks
 * consistent. But a session has no copy anywhere else. When a full Redis refuses the
 * write, login reports success, the browser gets a cookie for a session that does not
 * exist, and the next request is logged out with no error anywhere but a log line.
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { ttlMsFor } from '../src/ttl-policy.js';

const IDLE_MS = (deps: CacheDeps) => ttlMsFor('session', deps.random);

export async function startSession(deps: CacheDeps, sessionId: string, data: SessionData): Promise<void> {
  try {
    await deps.redis.set(cacheKey(deps.keyPrefix, 'session', sessionId), JSON.stringify(data), 'PX', IDLE_MS(deps));
  } catch (error) {
    console.warn(`could not store session ${sessionId}`, error);
  }
}

export async function readSession(deps: CacheDeps, sessionId: string): Promise<SessionData | null> {
  try {
    const text = await deps.redis.getex(cacheKey(deps.keyPrefix, 'session', sessionId), 'PX', IDLE_MS(deps));
    return text ? (JSON.parse(text) as SessionData) : null;
  } catch {
    return null;
  }
}
