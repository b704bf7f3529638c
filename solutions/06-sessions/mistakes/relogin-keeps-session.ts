/**
 * Mistake: logging in again as the user already logged in keeps the session id
 * Replaces: login.ts
 * Caught by: 06.7
 *
 * Nothing changes when user 3 logs in as user 3, so the handler answers at once and saves
 * a round trip. But the id the browser holds was issued before this login, and this
 * login may be the one a victim makes on a browser an attacker prepared (or on a shared
 * computer where the previous session was never ended). Every login gets a new id.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { login as right } from '../src/login.js';

export function login(db: Pool): RequestHandler {
  const fullLogin = right(db);
  return (req, res, next) => {
    const claimed = Number((req.body as { userId?: unknown } | undefined)?.userId);
    if (req.session.userId !== undefined && req.session.userId === claimed) return void res.json({ userId: claimed });
    return fullLogin(req, res, next);
  };
}
