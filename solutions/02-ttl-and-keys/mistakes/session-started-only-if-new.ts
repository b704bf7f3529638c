/**
 * Mistake: startSession writes with NX, so an id that already holds a session keeps it
 * Replaces: sessions.ts
 * Caught by: 02.2
 *
 * NX looks like a safety catch: two logins can never overwrite each other's session. But
 * SET ... NX does not fail when the key exists, it answers null, and nothing here looks at
 * the answer: startSession resolves as if it had stored the new session, while Redis
 * still holds the old data with the old, shorter TTL. A browser that logs in again (as
 * the same user or another) reads the previous session and is logged out when it
 * expires. If a write may be skipped, its reply must be checked; here it must not be.
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { ttlMsFor } from '../src/ttl-policy.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export { readSession } from '../src/sessions.js';

export async function startSession(deps: CacheDeps, sessionId: string, data: SessionData): Promise<void> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  const write = deps.redis.set(key, JSON.stringify(data), 'PX', ttlMsFor('session', deps.random), 'NX');
  await withTimeout(write, deps.redisTimeoutMs, `SET ${key}`);
}
