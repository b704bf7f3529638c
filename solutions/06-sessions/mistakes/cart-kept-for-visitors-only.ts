/**
 * Mistake: the cart goes along only when a visitor logs in
 * Replaces: login.ts
 * Caught by: 06.7
 *
 * "The cart belongs to the account now" reads as a reason to drop it when another user
 * logs in on the same browser. But the browser's cart is what the person at the keyboard
 * filled in; the README keeps it through every login, and dropping it on a switch loses a
 * customer's basket because they picked the wrong account first.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { claimedUser } from '../src/claimed-user.js';
import { regenerateSession, saveSession } from '../src/session-ops.js';

export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const user = await claimedUser(db, req, res);
    if (!user) return;
    const cart = req.session.userId === undefined ? (req.session.cart ?? []) : [];
    await regenerateSession(req);
    req.session.userId = user.id;
    req.session.cart = cart;
    await saveSession(req);
    res.json({ userId: user.id });
  };
}
