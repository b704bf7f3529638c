import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { findUser } from '../../../labs/06-sessions/src/contract.js';
import { regenerateSession } from './session-ops.js';

/** POST /login { userId }: 200 { userId } for a known user, 401 otherwise. */
export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const claimed = Number((req.body as { userId?: unknown } | undefined)?.userId);
    const user = await findUser(db, claimed);
    if (!user) {
      res.status(401).json({ error: 'unknown user' });
      return;
    }
    // #region login
    // Keep what the anonymous session held that the user expects to keep.
    const { cart } = req.session;
    // A new id for the new privilege level: the id the visitor arrived with (which an
    // attacker may have planted or seen) is deleted from Redis and never becomes a
    // logged-in id. That is the defence against session fixation.
    await regenerateSession(req);
    req.session.userId = user.id;
    if (cart) req.session.cart = cart;
    // express-session saves the new session before the response ends.
    // #endregion login
    res.json({ userId: user.id });
  };
}
