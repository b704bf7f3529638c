/**
 * Mistake: session ids from the clock and Math.random, "random enough and never the same"
 * Replaces: session.ts
 * Caught by: 06.13
 *
 * `Date.now().toString(36)` plus two `Math.random()` draws gives ids that never repeat in
 * practice and look as random as the default ones. But Math.random is not a cryptographic
 * source: V8's generator is a small state that a few of its outputs give away, and from
 * there every id this process will issue can be computed; the clock part narrows the
 * search further. An attacker who collects a few of their own ids can predict the next
 * user's. Ids come from crypto (the default genid, crypto.randomBytes, randomUUID).
 */
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

const randomPart = () => Math.random().toString(36).slice(2);

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  if (!options.secret) throw new Error('createSessionApp: options.secret is required to sign session cookies');
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store: createSessionStore(options.redis, options.keyPrefix),
    genid: () => `${Date.now().toString(36)}${randomPart()}${randomPart()}`,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
  });
}
