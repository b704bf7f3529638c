/**
 * Mistake: a login from a browser with no session gets a cookie of its own, not Secure and with the default lifetime
 * Replaces: login.ts
 * Caught by: 06.10
 *
 * A browser that logs in without having a session (no cart, first visit) is a path of its
 * own in many apps, written with a cookie setup of its own: the id is fresh and the login
 * works. But that cookie is sent over plain HTTP, and lives the default 15 minutes whatever
 * maxAgeMs says; every response that sets the session cookie gives it the same attributes.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS } from '../../../labs/06-sessions/src/contract.js';
import { login as loginRight } from '../src/login.js';

export function login(db: Pool): RequestHandler {
  const right = loginRight(db);
  return (req, res, next) => {
    const fresh = req.get('cookie')?.includes(`${SESSION_COOKIE}=`) !== true;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (fresh && req.session) Object.assign(req.session.cookie, { secure: false, maxAge: SESSION_MAX_AGE_MS });
      return json(body);
    };
    return right(req, res, next);
  };
}
