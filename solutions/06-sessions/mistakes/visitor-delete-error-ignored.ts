/**
 * Mistake: at login, a failed delete of a visitor's old session is ignored
 * Replaces: login.ts
 * Caught by: 06.19
 *
 * An anonymous session holds a cart and nothing to steal, so losing the DEL of one seems
 * harmless, and the login goes ahead. But that id is exactly the one an attacker can
 * plant before the victim logs in: if it survives, the rotation did not happen. A login
 * whose replaced session, any session, cannot be deleted is not a login.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { claimedUser } from '../src/claimed-user.js';
import { regenerateSession, saveSession } from '../src/session-ops.js';

export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const user = await claimedUser(db, req, res);
    if (!user) return;
    const { cart = [] } = req.session;
    const wasVisitor = req.session.userId === undefined;
    try {
      await regenerateSession(req);
    } catch (error) {
      if (!wasVisitor) throw error;
    }
    req.session.userId = user.id;
    req.session.cart = cart;
    await saveSession(req);
    res.json({ userId: user.id });
  };
}
