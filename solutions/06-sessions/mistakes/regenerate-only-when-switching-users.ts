/**
 * Mistake: a new session id only when a different user logs in
 * Replaces: login.ts
 * Caught by: 06.7
 *
 * "Rotate the id when the identity changes" sounds like the rule, and it does cover one
 * user logging in over another. But anonymous to logged-in is the change that matters:
 * the visitor's id was issued before login, so an attacker can plant it (a link, a
 * subdomain cookie) or read it, and then share the victim's logged-in session.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { findUser } from '../../../labs/06-sessions/src/contract.js';
import { regenerateSession } from '../src/session-ops.js';

export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const body = (req.body ?? {}) as { userId?: number };
    const user = await findUser(db, Number(body.userId));
    if (user === null) return void res.status(401).json({ error: 'unknown user' });

    const previous = req.session.userId;
    if (previous !== undefined && previous !== user.id) await regenerateSession(req);
    req.session.userId = user.id;
    res.json({ userId: user.id });
  };
}
