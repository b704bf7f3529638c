/**
 * Mistake: a login that replaces another user's session sends the cookie without its flags
 * Replaces: login.ts
 * Caught by: 06.10
 *
 * Switching accounts on a shared computer is a rare path, written later, by copying a
 * cookie setup from an old tutorial: the id is new and the session right, so it works.
 * But the cookie now travels without HttpOnly, SameSite or Secure: readable by any script
 * on the page, sent with cross-site requests and over plain HTTP, on exactly the machines
 * where more than one person uses the browser.
 */
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { login as loginRight } from '../src/login.js';

export function login(db: Pool): RequestHandler {
  const right = loginRight(db);
  return (req, res, next) => {
    const switching = req.session.userId !== undefined;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (switching && req.session) Object.assign(req.session.cookie, { httpOnly: false, sameSite: false, secure: false });
      return json(body);
    };
    return right(req, res, next);
  };
}
