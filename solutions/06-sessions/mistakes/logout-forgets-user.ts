/**
 * Mistake: logout removes the user id but keeps the session
 * Replaces: logout.ts
 * Caught by: 06.6
 *
 * After `delete req.session.userId` GET /me answers 401, so a manual test passes, and the
 * cart survives, which feels friendly. But the same session id lives on (in Redis and in
 * the browser) across a change of privilege: whoever logs in next on that device or
 * holds a copy of the cookie inherits a session that was someone else's. Logging out
 * ends the session: destroy it and clear the cookie.
 */
import type { RequestHandler } from 'express';

export const logout: RequestHandler = (req, res) => {
  delete req.session.userId;
  req.session.save(() => res.status(204).end());
};
