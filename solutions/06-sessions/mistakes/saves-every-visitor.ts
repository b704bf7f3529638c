/**
 * Mistake: saveUninitialized: true, as in express-session's own README example
 * Replaces: session.ts
 * Caught by: 06.3
 *
 * Copied from the README, it works: everyone gets a session from the first request. But
 * every request without a cookie now writes a Redis key and answers with a Set-Cookie:
 * crawlers, health checks and scripts that never keep cookies create a new empty session
 * each time, and Redis holds thousands of sessions nobody will use until their TTL ends.
 * It also hands every visitor an id before login, the raw material of session fixation.
 */
import session from 'express-session';
import type { RequestHandler } from 'express';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

export const createSessionMiddleware = ({ redis, keyPrefix, secret, maxAgeMs }: SessionAppOptions): RequestHandler =>
  session({
    secret,
    resave: false,
    saveUninitialized: true,
    rolling: true,
    name: SESSION_COOKIE,
    store: createSessionStore(redis, keyPrefix),
    cookie: sessionCookie(maxAgeMs || SESSION_MAX_AGE_MS),
  });
