/**
 * Mistake: each process invents its own cookie secret when it starts
 * Replaces: session.ts
 * Caught by: 06.1, 06.2
 *
 * "Never hard-code a secret" is good advice, and a random one looks safer still. But the
 * secret signs every session cookie: instance B, holding a different random secret,
 * rejects A's signature and treats the user as a stranger; after a restart nobody's
 * cookie verifies. The sessions sit in Redis, unreachable. Every instance needs the same
 * secret from configuration (and a list of secrets to rotate it).
 */
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  // Fall back to a strong random secret rather than ship a default one.
  const secret = process.env.SESSION_SECRET ?? randomBytes(32).toString('base64url');
  return session({
    store: createSessionStore(options.redis, options.keyPrefix),
    secret,
    name: SESSION_COOKIE,
    cookie: sessionCookie(options.maxAgeMs ?? 15 * 60_000),
    saveUninitialized: false,
    resave: false,
    rolling: true,
  });
}
