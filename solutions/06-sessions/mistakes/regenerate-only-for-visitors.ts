/**
 * Mistake: a new session id only when an anonymous visitor logs in
 * Replaces: login.ts
 * Caught by: 06.7
 *
 * Session fixation is explained with an anonymous id planted before login, so the fix is
 * written for that case: regenerate if the session has no user yet. But a user who logs
 * in as someone else (a shared computer, an admin switching accounts) keeps the id the
 * previous user had, and whoever held that id is now logged in as the new user. Every
 * change of identity is a change of privilege: regenerate at every login.
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
    if (req.session.userId === undefined) await regenerateSession(req);
    req.session.userId = user.id;
    if (cart) req.session.cart = cart;
    await saveSession(req);
    res.json({ userId: user.id });
  };
}
