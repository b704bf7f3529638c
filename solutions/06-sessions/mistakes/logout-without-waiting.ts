/**
 * Mistake: logout starts the destroy and answers 204 without waiting for it
 * Replaces: logout.ts
 * Caught by: 06.15
 *
 * Both halves are there, destroy and clearCookie, and Redis is so fast that the key is
 * nearly always gone by the time anyone looks, so a manual test, and every check that
 * only looks afterwards, passes. But the 204 leaves before Redis has answered the DEL:
 * for that moment the "logged out" session still works, and if the DEL fails (Redis
 * down, read-only after a failover) the error goes nowhere and the user was told the
 * opposite. Answer in destroy's callback, or await a Promise around it.
 */
import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from '../../../labs/06-sessions/src/contract.js';

export const logout: RequestHandler = (req, res) => {
  req.session.destroy(() => {}); // fire and forget: Redis is fast
  res.clearCookie(SESSION_COOKIE, { path: '/' });
  res.status(204).end();
};
