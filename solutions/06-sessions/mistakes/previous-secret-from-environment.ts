/**
 * Mistake: a previous secret from the environment still verifies cookies (rotation)
 * Replaces: session.ts
 * Caught by: 06.14
 *
 * express-session takes a list of secrets for rotation: sign with the first, accept any.
 * Reading the previous one from PREVIOUS_SESSION_SECRET keeps it out of the code, and
 * where the variable is unset nothing changes. But the interface has one secret, and the
 * app accepts cookies signed with a second one nobody passed it: whoever still has the
 * old secret (the reason it was rotated) signs session ids the app believes.
 */
import type { RequestHandler } from 'express';
import session, { type CookieOptions } from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionMiddleware as createRight } from '../src/session.js';
import { createSessionStore } from '../src/session-store.js';

export function createSessionMiddleware(options: SessionAppOptions, cookie: CookieOptions = sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS)): RequestHandler {
  const previous = process.env.PREVIOUS_SESSION_SECRET;
  if (!previous) return createRight(options, cookie);
  const store = createSessionStore(options.redis, options.keyPrefix);
  return session({ name: SESSION_COOKIE, secret: [options.secret, previous], store, resave: false, saveUninitialized: false, rolling: true, cookie });
}
