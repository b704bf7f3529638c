/**
 * Mistake: the cookie secret comes from the environment, with a constant in the code as fallback
 * Replaces: session.ts
 * Caught by: 06.14
 *
 * `process.env.SESSION_SECRET ?? 'dev-only-secret'` is in many starter projects: it reads
 * as configuration, every instance shares the fallback, and nothing breaks in development.
 * But the app ignores the secret it is given, and wherever the variable is missing (a new
 * deployment, a renamed variable, a test setup) it signs with a value that sits in every
 * clone of the repository: anyone can sign any session id. Take the secret from the
 * configuration the app receives, and fail at start-up rather than fall back.
 */
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: process.env.SESSION_SECRET ?? 'dev-only-secret',
    store: createSessionStore(options.redis, options.keyPrefix),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
  });
}
