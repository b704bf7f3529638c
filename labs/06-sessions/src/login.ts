// Lab 06: POST /login { userId }. 200 { userId } for a user in Postgres, else 401.
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { findUser } from './contract.js';

export function login(db: Pool): RequestHandler {
  return async (req, res) => {
    const user = await findUser(db, Number((req.body as { userId?: unknown } | undefined)?.userId));
    if (!user) {
      res.status(401).json({ error: 'unknown user' });
      return;
    }
    // TODO(06): the visitor keeps the session id they arrived with, which now means
    // "logged in". Whoever planted or saw that id before the login is logged in too.
    // And when is the session actually stored: before or after the 200 is decided?
    req.session.userId = user.id;
    res.json({ userId: user.id });
  };
}
