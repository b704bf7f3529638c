/**
 * Mistake: typed session ids, `sess_` and twelve random hex digits
 * Replaces: session.ts
 * Caught by: 06.13
 *
 * A recognisable prefix is a habit borrowed from payment APIs: an id that says what it is
 * stands out in logs and in Redis, and the part after it comes from crypto.randomBytes, so
 * nothing about it is predictable. But six bytes are 48 bits, and the prefix adds none: it
 * is the same in every id. An attacker who sends a few thousand guesses a second against
 * a site with many live sessions finds one in hours, not in centuries. The random part
 * alone must carry at least 64 bits; the default genid draws 192.
 */
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  if (!options.secret) throw new Error('createSessionApp: options.secret is required to sign session cookies');
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store: createSessionStore(options.redis, options.keyPrefix),
    genid: () => `sess_${randomBytes(6).toString('hex')}`,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
  });
}
