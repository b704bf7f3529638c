import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from '../../../labs/06-sessions/src/contract.js';
import { destroySession } from './session-ops.js';

/** POST /logout: 204, and the session is gone on both sides. */
export const logout: RequestHandler = async (req, res) => {
  // #region logout
  // Server side first: DEL the key, so a copy of the cookie (another tab, a proxy log,
  // a thief) is worthless from this moment, not when the TTL runs out.
  await destroySession(req);
  // Then the browser: an expired Set-Cookie with the same name and path removes it
  // (Express 5 clears with Path=/, the session cookie's path).
  res.clearCookie(SESSION_COOKIE);
  res.status(204).end();
  // #endregion logout
};
