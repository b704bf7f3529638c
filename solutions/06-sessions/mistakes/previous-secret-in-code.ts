/**
 * Mistake: the previous secret stays in the code "so that rotation logs nobody out"
 * Replaces: session.ts
 * Caught by: 06.14
 *
 * express-session takes a list of secrets: it signs with the first and accepts a cookie
 * signed with any of them, which is how a secret is rotated. Writing the old one into
 * the code as `[options.secret, 'keyboard cat']` keeps the sessions it signed alive, and
 * every cookie is still signed with the configured secret, so instances agree and a
 * foreign secret is refused. But the old secret now sits in every copy of the repository
 * for good, and a session id signed with it is accepted by every deployment: anyone can
 * mint cookies. The previous secret comes from configuration too, and leaves it once the
 * old cookies have expired.
 */
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

/** What signed the cookies before the secret was moved to configuration. */
const PREVIOUS_SECRET = 'keyboard cat';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  if (!options.secret) throw new Error('createSessionApp: options.secret is required to sign session cookies');
  return session({
    name: SESSION_COOKIE,
    secret: [options.secret, PREVIOUS_SECRET],
    store: createSessionStore(options.redis, options.keyPrefix),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
  });
}
