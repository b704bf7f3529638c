/**
 * Mistake: regenerate at login, and the visitor's cart goes with the old session
 * Replaces: login.ts
 * Caught by: 06.8
 *
 * This is the fixation fix done by the book: regenerate, then set the user. But
 * regenerate() hands back an empty session, so everything the visitor collected before
 * logging in (a cart, a "return to" URL, a language choice) is gone. Read what must
 * survive before regenerating and copy it into the new session.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { findUser } from '../../../labs/06-sessions/src/contract.js';

export function login(db: Pool): RequestHandler {
  return (req, res, next) => {
    findUser(db, Number(req.body?.userId)).then((user) => {
      if (!user) return res.status(401).json({ error: 'unknown user' });
      req.session.regenerate((err) => {
        if (err) return next(err);
        req.session.userId = user.id;
        res.json({ userId: user.id });
      });
    }, next);
  };
}
