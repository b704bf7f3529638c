/**
 * Mistake: login leaves the save to express-session, after the handler has answered 200
 * Replaces: login.ts
 * Caught by: 06.19
 *
 * express-session saves a changed session when the response ends, and waits for the save
 * before the last byte goes out, so this looks complete: regenerate, set the user, answer.
 * But the status is already 200 when the save runs. If Redis refuses the write (full
 * under noeviction, read-only after a failover), express-session passes the error to the
 * next error handler, too late: the user was told "logged in", holds a cookie that points
 * at nothing, and is a stranger on the next request. Save explicitly and await it.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { claimedUser } from '../src/claimed-user.js';
import { regenerateSession } from '../src/session-ops.js';

export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const user = await claimedUser(db, req, res);
    if (!user) return;
    const { cart } = req.session;
    await regenerateSession(req);
    req.session.userId = user.id;
    if (cart) req.session.cart = cart;
    res.json({ userId: user.id }); // express-session saves it before the response ends
  };
}
