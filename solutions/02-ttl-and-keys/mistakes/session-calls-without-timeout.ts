/**
 * Mistake: session calls let their errors through, but wait on Redis without a bound
 * Replaces: sessions.ts
 * Caught by: 02.13
 *
 * Errors reach the caller, so a refused write fails the login as it should, and against
 * a Redis that is down and refusing connections everything works. But a Redis that
 * stalls (a failover, a network partition, ioredis queueing commands while it reconnects)
 * refuses nothing: the promise simply never settles, and every login and every request
 * that reads its session hangs until the load balancer gives up on it.
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { ttlMsFor } from '../src/ttl-policy.js';

export async function startSession(deps: CacheDeps, sessionId: string, data: SessionData): Promise<void> {
  await deps.redis.set(cacheKey(deps.keyPrefix, 'session', sessionId), JSON.stringify(data), 'PX', ttlMsFor('session', deps.random));
}

export async function readSession(deps: CacheDeps, sessionId: string): Promise<SessionData | null> {
  const raw = await deps.redis.getex(cacheKey(deps.keyPrefix, 'session', sessionId), 'PX', ttlMsFor('session', deps.random));
  return raw === null ? null : (JSON.parse(raw) as SessionData);
}
