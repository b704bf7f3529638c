/**
 * Mistake: the cookie's flags are set only when the options give a maxAge
 * Replaces: session.ts
 * Caught by: 06.10
 *
 * The cookie options are built where maxAgeMs is read: with a configured lifetime they
 * carry HttpOnly, SameSite, Secure and Path, and without one only the default lifetime
 * goes in, since that seemed to be all the default was about. Every deployment that sets
 * maxAgeMs is right, and so is every check that passes one. But an app left on the
 * default sends its session cookie readable by page scripts, attached to other sites'
 * requests and over plain HTTP. The flags protect the cookie whatever its lifetime.
 */
import type { RequestHandler } from 'express';
import type { CookieOptions } from 'express-session';
import { SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionMiddleware as createMiddleware } from '../src/session.js';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  const cookie: CookieOptions = options.maxAgeMs ? sessionCookie(options.maxAgeMs) : { maxAge: SESSION_MAX_AGE_MS };
  return createMiddleware(options, cookie);
}
