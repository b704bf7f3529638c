/**
 * Mistake: every login attempt by a visitor rotates the session id, before the user is checked
 * Replaces: login.ts
 * Caught by: 06.8
 *
 * A new id on every attempt sounds like extra protection against fixation, and the cart
 * is carried over, so the visitor notices nothing. But a failed login is supposed to
 * change nothing: each wrong guess now deletes a key and writes another, anyone can churn
 * a session by posting bad logins, and another tab still holding the old cookie loses the
 * cart. Fixation is about the id that becomes logged in; rotate only once the user is known.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { login as right } from '../src/login.js';
import { regenerateSession, saveSession } from '../src/session-ops.js';

export function login(db: Pool): RequestHandler {
  const afterRotation = right(db);
  return async (req, res, next) => {
    const { cart } = req.session;
    if (req.session.userId === undefined && cart !== undefined) {
      await regenerateSession(req);
      req.session.cart = cart;
      await saveSession(req);
    }
    return afterRotation(req, res, next);
  };
}
