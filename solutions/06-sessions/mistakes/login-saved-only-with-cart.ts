/**
 * Mistake: login stores the session itself only when there is a cart to carry
 * Replaces: login.ts
 * Caught by: 06.19
 *
 * The explicit save looks needed only for what the visitor brought along: a bare login
 * has just a userId, and express-session saves a changed session when the response ends
 * anyway. But by then the 200 is decided: when Redis refuses that write (full, read-only)
 * the user is told "logged in" and holds a cookie for a session that was never stored.
 * Every login's session is stored before the answer, cart or no cart.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { claimedUser } from '../src/claimed-user.js';
import { regenerateSession, saveSession } from '../src/session-ops.js';

export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const user = await claimedUser(db, req, res);
    if (!user) return;
    const { cart } = req.session;
    await regenerateSession(req);
    req.session.userId = user.id;
    if (cart !== undefined) {
      req.session.cart = cart;
      await saveSession(req);
    }
    res.json({ userId: user.id });
  };
}
