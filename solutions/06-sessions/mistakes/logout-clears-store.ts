/**
 * Mistake: logout calls the store's clear() to "clear the session"
 * Replaces: logout.ts
 * Caught by: 06.17
 *
 * `req.sessionStore.clear()` sounds like the session's own reset, and with one user
 * testing, logout works perfectly: the key is gone, the cookie too. But clear() empties
 * the whole store: connect-redis scans every key under the prefix and deletes them all,
 * so each logout logs out every user of the site (and SCANs the keyspace while doing
 * it). A logout ends one session: req.session.destroy().
 */
import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from '../../../labs/06-sessions/src/contract.js';

export const logout: RequestHandler = async (req, res) => {
  await new Promise<void>((resolve, reject) => req.sessionStore.clear?.((error?: unknown) => (error ? reject(error) : resolve())));
  res.clearCookie(SESSION_COOKIE, { path: '/' });
  res.status(204).end();
};
