/**
 * Mistake: the cookie is hardened only once a user is logged in
 * Replaces: session.ts
 * Caught by: 06.10
 *
 * "An anonymous session holds nothing worth stealing", so SameSite (a strict one, even)
 * is applied to sessions that have a user: every page a logged-in user loads re-issues
 * the cookie with the flag, which is what a quick look in the browser shows. But the
 * login response itself, and every anonymous response, go out without it. The anonymous
 * cookie already names a session that holds a cart, and is the very id a fixation attack
 * plants; without SameSite, any site can post to /cart with it. The flags belong in the
 * cookie options, so that every response that sets the cookie carries them.
 */
import type { RequestHandler } from 'express';
import { SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionMiddleware as createRealMiddleware } from '../src/session.js';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  const { sameSite: _later, ...cookie } = sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS);
  const sessions = createRealMiddleware(options, cookie);
  return (req, res, next) =>
    sessions(req, res, (error?: unknown) => {
      // Harden the cookie once there is an account behind it.
      if (!error && req.session?.userId !== undefined) req.session.cookie.sameSite = 'strict';
      next(error);
    });
}
