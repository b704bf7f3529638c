/**
 * Mistake: a failed logout is reported only for a logged-in user
 * Replaces: logout.ts
 * Caught by: 06.18
 *
 * A visitor's session holds a cart and no identity, so a DEL that fails for it looks
 * harmless to swallow: the key runs out with its TTL anyway. But the visitor is told
 * "done" and loses the cookie, while anyone holding a copy of it (the next person at a
 * shared computer) still has the session until then, and nobody can retry. Done means
 * done for every session.
 */
import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from '../../../labs/06-sessions/src/contract.js';
import { destroySession } from '../src/session-ops.js';

export const logout: RequestHandler = async (req, res) => {
  const loggedIn = req.session.userId !== undefined;
  try {
    await destroySession(req);
  } catch (error) {
    if (loggedIn) throw error;
  }
  res.clearCookie(SESSION_COOKIE);
  res.status(204).end();
};
