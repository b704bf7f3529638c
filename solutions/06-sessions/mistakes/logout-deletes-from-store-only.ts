/**
 * Mistake: logout deletes the key through the store, leaving req.session in place
 * Replaces: logout.ts
 * Caught by: 06.6
 *
 * `req.sessionStore.destroy(req.sessionID)` runs the same DEL as `req.session.destroy()`,
 * and the key is gone: a copy of the old cookie gets 401. But the request still holds its
 * session, so as the response ends express-session (rolling: true) re-issues the cookie
 * after the clearing one, and the browser keeps the last: logout renewed the cookie for
 * another maxAge instead of expiring it, and anything that wrote to the request's
 * session afterwards would store the deleted session again. `req.session.destroy()`
 * deletes the key and ends the request's session.
 */
import type { Request, RequestHandler } from 'express';
import { SESSION_COOKIE } from '../../../labs/06-sessions/src/contract.js';

const deleteFromStore = (req: Request) =>
  new Promise<void>((resolve, reject) => req.sessionStore.destroy(req.sessionID, (error) => (error ? reject(error) : resolve())));

export const logout: RequestHandler = async (req, res) => {
  await deleteFromStore(req);
  res.clearCookie(SESSION_COOKIE);
  res.status(204).end();
};
