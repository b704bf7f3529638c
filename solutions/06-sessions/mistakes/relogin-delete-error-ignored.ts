/**
 * Mistake: when a user logs in again as themselves, a failed delete of the old session is ignored
 * Replaces: login.ts
 * Caught by: 06.19
 *
 * The old session and the new one belong to the same user, so the old one seems to hold
 * nothing a thief could not already have, and the login goes ahead. But the point of the
 * new id is that the old one stops working: a user who logs in again because they suspect
 * their cookie was seen (a shared computer, a leaked log) stays reachable through it.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { claimedUser } from '../src/claimed-user.js';
import { regenerateSession, saveSession } from '../src/session-ops.js';

export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const user = await claimedUser(db, req, res);
    if (!user) return;
    const { cart = [], userId: before } = req.session;
    try {
      await regenerateSession(req);
    } catch (error) {
      if (before !== user.id) throw error;
    }
    req.session.userId = user.id;
    req.session.cart = cart;
    await saveSession(req);
    res.json({ userId: user.id });
  };
}
