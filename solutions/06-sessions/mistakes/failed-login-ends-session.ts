/**
 * Mistake: a failed login destroys whatever session the browser had, "to start clean"
 * Replaces: login.ts
 * Caught by: 06.8
 *
 * Throwing the session away when the credentials are wrong feels like the safe side: no
 * half-state survives an attempt that went wrong, and the lab's anonymous checks see no
 * key and no cookie either way. But a visitor who mistypes loses the cart they filled,
 * and a logged-in user is logged out by anyone's failed attempt from their browser. A
 * failed login changes nothing; the session is replaced (regenerate) only once the user
 * is known.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { findUser } from '../../../labs/06-sessions/src/contract.js';
import { login as loginOfKnownUser } from '../src/login.js';
import { destroySession } from '../src/session-ops.js';

export function login(db: Pool): RequestHandler {
  const known = loginOfKnownUser(db);
  return async (req, res, next) => {
    const user = await findUser(db, Number((req.body as { userId?: unknown } | undefined)?.userId));
    if (user) return known(req, res, next);
    await destroySession(req);
    res.status(401).json({ error: 'unknown user' });
  };
}
