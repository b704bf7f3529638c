/**
 * Mistake: session ids from a counter, "unique and easy to follow in the logs"
 * Replaces: session.ts
 * Caught by: 06.13
 *
 * `genid` is there to be customised, and `${process.pid}-${n}` is unique, short and
 * sortable; one process in development never repeats one. But every process counts from
 * the same start, so two instances (or a restart) hand out the same ids: a second user
 * gets the first one's session. And a counter is guessable: whoever sees their own id
 * can try the neighbours, and the signature does not help, because the attacker does not
 * need to forge a cookie when the server issues the one they want. Ids must be random,
 * from a cryptographic source (the default genid, or crypto.randomBytes).
 */
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

let issued = 0;

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store: createSessionStore(options.redis, options.keyPrefix),
    genid: () => `${process.pid}-${(issued += 1)}`,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
  });
}
