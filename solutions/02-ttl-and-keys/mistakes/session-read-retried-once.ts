/**
 * Mistake: a session read that fails or times out is tried once more before it rejects
 * Replaces: sessions.ts
 * Caught by: 02.13
 *
 * "Retry a blip before logging the user out" sounds kind, and on a blip it works. On a
 * stalled Redis it doubles how long every request waits before it fails, and on a
 * struggling one it doubles the reads. The session call rejects at once (or at its bound);
 * whether to try again is the caller's decision, which knows whether the request can wait.
 */
import type { CacheDeps, SessionData } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { readSession as readOnce } from '../src/sessions.js';

export { startSession } from '../src/sessions.js';

export function readSession(deps: CacheDeps, sessionId: string): Promise<SessionData | null> {
  return readOnce(deps, sessionId).catch(() => readOnce(deps, sessionId));
}
