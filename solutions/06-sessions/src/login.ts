import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { claimedUser } from './claimed-user.js';
import { regenerateSession, saveSession } from './session-ops.js';

/** POST /login { userId }: 200 { userId } for a known user, 401 otherwise. */
export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const user = await claimedUser(db, req, res);
    if (!user) return;
    // #region login
    // Keep what the anonymous session held that the user expects to keep.
    const { cart = [] } = req.session;
    // A new id for the new privilege level: the id the visitor arrived with (which an
    // attacker may have planted or seen) is deleted from Redis and never becomes a
    // logged-in id. That is the defence against session fixation.
    await regenerateSession(req);
    req.session.userId = user.id;
    req.session.cart = cart;
    // Store it before saying "logged in". express-session would save it at the end of the
    // response anyway, but by then the 200 is decided: a Redis that refuses the write
    // (full, read-only) would leave the user with a cookie that points at nothing.
    await saveSession(req);
    // #endregion login
    res.json({ userId: user.id });
  };
}
