/**
 * Mistake: logout sets req.session = null, the cookie-session way
 * Replaces: logout.ts
 * Caught by: 06.6
 *
 * With the cookie-session package, assigning null clears the session, so the line is
 * familiar and looks complete. express-session keeps sessions in a store: by default
 * (unset: 'keep') a null req.session just means "save nothing this time". The key stays
 * in Redis with its TTL and the browser keeps its cookie, so the user is still logged in
 * on the next request.
 */
import type { RequestHandler } from 'express';

export const logout: RequestHandler = (req, res) => {
  (req as { session: unknown }).session = null;
  res.sendStatus(204);
};
