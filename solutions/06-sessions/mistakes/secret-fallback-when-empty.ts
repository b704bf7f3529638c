/**
 * Mistake: a built-in secret takes over when the configured one is empty
 * Replaces: session.ts
 * Caught by: 06.14
 *
 * `options.secret || 'change-me'` keeps the app running when the configuration is
 * incomplete, and with a real secret it behaves exactly like the right answer: the
 * instances agree, the cookies verify. But an empty SESSION_SECRET (a variable that was
 * renamed, a secret store that did not answer) no longer stops anything: the app signs
 * every session id with a string anyone can read in the repository, so anyone can sign
 * ids too. A missing secret is a deployment error; refuse to start.
 */
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: options.secret || 'change-me',
    store: createSessionStore(options.redis, options.keyPrefix),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
  });
}
