/**
 * Mistake: session ids hashed from the process id and its high-resolution clock
 * Replaces: session.ts
 * Caught by: 06.13
 *
 * A SHA-256 of the pid and process.hrtime looks random and never repeats in practice. But
 * a hash adds no secret: anyone who can estimate the inputs (pids are small, the clock is
 * close to the server's uptime) can compute the ids by brute force, and two inputs that
 * coincide give the same id. Session ids come from a cryptographic random source.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import session, { type CookieOptions } from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

export function createSessionMiddleware(options: SessionAppOptions, cookie: CookieOptions = sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS)): RequestHandler {
  if (!options.secret) throw new Error('createSessionApp: options.secret is required to sign session cookies');
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store: createSessionStore(options.redis, options.keyPrefix),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie,
    genid: () => createHash('sha256').update(`${process.pid}:${process.hrtime.bigint()}`).digest('base64url'),
  });
}
