/**
 * Mistake: only an empty secret stops the app; one of spaces or a newline starts it
 * Replaces: session.ts
 * Caught by: 06.14
 *
 * `if (!options.secret) throw` looks complete, and it is what most examples write. But a
 * variable that holds only the newline of an empty file, or a template's blank, passes it:
 * the app starts and signs every session id with a secret anyone can guess in a few tries.
 * Blank is missing.
 */
import type { RequestHandler } from 'express';
import session, { type CookieOptions } from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

export function createSessionMiddleware(options: SessionAppOptions, cookie: CookieOptions = sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS)): RequestHandler {
  if (!options.secret) throw new Error('createSessionApp: options.secret is required');
  const store = createSessionStore(options.redis, options.keyPrefix);
  return session({ name: SESSION_COOKIE, secret: options.secret, store, resave: false, saveUninitialized: false, rolling: true, cookie });
}
