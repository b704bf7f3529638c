/**
 * Mistake: logout waits for destroy, but answers 204 whether or not it worked
 * Replaces: logout.ts
 * Caught by: 06.18
 *
 * The callback is awaited, the key is gone before the response on every normal run, and
 * `(err) => ...` with the error ignored looks like a harmless simplification ("what would
 * the user do about it anyway?"). When Redis refuses the DEL, the session stays alive
 * while the user is told they are logged out and their cookie is cleared, so they cannot
 * even try again; anyone with a copy of the cookie keeps the session until its TTL ends.
 * A failed logout must say so (a 5xx) and leave the cookie for a retry.
 */
import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from '../../../labs/06-sessions/src/contract.js';

export const logout: RequestHandler = (req, res) => {
  req.session.destroy(() => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.sendStatus(204);
  });
};
