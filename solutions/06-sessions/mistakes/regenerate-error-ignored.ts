/**
 * Mistake: regenerate is awaited, but its callback's error is dropped
 * Replaces: login.ts
 * Caught by: 06.19
 *
 * `await new Promise((resolve) => req.session.regenerate(() => resolve()))` is the
 * promisified regenerate many snippets show, and it works every time Redis does. But the
 * callback's first argument is the error from deleting the old session. When that DEL
 * fails (a dropped connection, a failover), express-session still hands over a fresh
 * session, the login answers 200, and the session it replaced stays alive in Redis: a
 * user switching accounts on a shared computer leaves the previous one logged in for
 * whoever holds that cookie. Reject on the error, and let the login fail.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { claimedUser } from '../src/claimed-user.js';
import { saveSession } from '../src/session-ops.js';

export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const user = await claimedUser(db, req, res);
    if (!user) return;
    const { cart } = req.session;
    await new Promise<void>((resolve) => req.session.regenerate(() => resolve()));
    req.session.userId = user.id;
    if (cart) req.session.cart = cart;
    await saveSession(req);
    res.json({ userId: user.id });
  };
}
