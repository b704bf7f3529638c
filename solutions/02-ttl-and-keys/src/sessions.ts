import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from './keys.js';
import { ttlMsFor } from './ttl-policy.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

// #region sessions
/**
 * A session lives only in Redis, so its TTL is its lifetime: 900 s without activity.
 * No jitter (TTL_POLICY gives it 0): users log in at scattered times anyway, and the
 * timeout is a promise to the user and the security team, not a cache tuning knob.
 *
 * Failures are not swallowed here, unlike a cache's: there is no other copy. A login
 * that "succeeded" without a stored session logs the user straight out, and a read that
 * turned a Redis error into null would log out everyone who clicks during the blip.
 * Both are bounded, so a stalled Redis fails the request instead of holding it.
 */
export async function startSession(
  deps: CacheDeps,
  sessionId: string,
  data: SessionData,
): Promise<void> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  const write = deps.redis.set(
    key,
    JSON.stringify(data),
    'PX',
    ttlMsFor('session', deps.random),
  );
  await withTimeout(write, deps.redisTimeoutMs, `SET ${key}`);
}

/** Reading is activity: GETEX returns the value and restarts the idle timeout in one command. */
export async function readSession(
  deps: CacheDeps,
  sessionId: string,
): Promise<SessionData | null> {
  const key = cacheKey(deps.keyPrefix, 'session', sessionId);
  const renew = deps.redis.getex(key, 'PX', ttlMsFor('session', deps.random));
  const raw = await withTimeout(renew, deps.redisTimeoutMs, `GETEX ${key}`);
  return raw === null ? null : (JSON.parse(raw) as SessionData);
}
// #endregion sessions
