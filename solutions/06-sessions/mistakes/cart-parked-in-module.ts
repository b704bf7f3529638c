/**
 * Mistake: the cart is parked in a module-level variable while the session is regenerated
 * Replaces: login.ts
 * Caught by: 06.8
 *
 * Keeping the cart across regenerate() is the right idea, and moving it into small
 * helpers, stash before and restore after, reads cleanly. But the stash lives outside the
 * request: one variable for the whole process. When two users log in at once, the second
 * overwrites it during the first one's regenerate, and the first user ends up with the
 * second one's cart. Anything a request carries across an await belongs in that request's
 * own scope.
 */
import type { Request, RequestHandler } from 'express';
import type { Pool } from 'pg';
import { claimedUser } from '../src/claimed-user.js';
import { regenerateSession, saveSession } from '../src/session-ops.js';

let parkedCart: number[] | undefined;
const stashCart = (req: Request) => {
  parkedCart = req.session.cart;
};
const restoreCart = (req: Request) => {
  if (parkedCart) req.session.cart = parkedCart;
};

export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const user = await claimedUser(db, req, res);
    if (!user) return;
    stashCart(req);
    await regenerateSession(req);
    req.session.userId = user.id;
    restoreCart(req);
    await saveSession(req);
    res.json({ userId: user.id });
  };
}
