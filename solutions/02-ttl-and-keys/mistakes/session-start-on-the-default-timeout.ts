/**
 * Mistake: startSession waits REDIS_TIMEOUT_MS, whatever redisTimeoutMs the cache was given
 * Replaces: sessions.ts
 * Caught by: 02.14
 *
 * A login is written once per visit, so bounding it by the module's constant looks like
 * a detail, and on a healthy Redis nobody notices. But the caller chose redisTimeoutMs:
 * one that allowed 10 s because its Redis is far away or busy sees every login fail after
 * a quarter of a second while the session is being stored, and one that allowed 50 ms
 * waits five times that. Every Redis call of the cache takes the caller's bound.
 */
import { REDIS_TIMEOUT_MS, type CacheDeps, type SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { startSession as realStartSession } from '../src/sessions.js';

export { readSession } from '../src/sessions.js';

export function startSession(deps: CacheDeps, sessionId: string, data: SessionData): Promise<void> {
  return realStartSession({ ...deps, redisTimeoutMs: REDIS_TIMEOUT_MS }, sessionId, data);
}
