import type { Request } from 'express';

/**
 * express-session's session methods take callbacks; these make them awaitable so that
 * Express 5 routes a failure (Redis unreachable, full or read-only) to the error handler.
 */

/** A new session id and an empty session; the old id's key is deleted from the store. */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
}

/** Writes the session to the store now, instead of at the end of the response. */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
}

/** Deletes the session's key from the store and removes `req.session`. */
export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
}
