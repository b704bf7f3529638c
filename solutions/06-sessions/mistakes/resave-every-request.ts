/**
 * Mistake: resave: true, "so the session's expiry is refreshed on every request"
 * Replaces: session.ts
 * Caught by: 06.9, 06.16
 *
 * Saving on every request does keep the TTL fresh, which is why people turn it on. But
 * each request then writes back the whole session it loaded when it started. A slow read
 * (GET /me waiting on the database) that overlaps a quick write (POST /cart) finishes
 * last and overwrites the new cart with its old copy: a lost update. The store's touch()
 * already refreshes the TTL with an EXPIRE that leaves the data alone.
 */
import type { RequestHandler } from 'express';
import session, { type SessionOptions } from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  const config: SessionOptions = {
    name: SESSION_COOKIE,
    secret: options.secret,
    store: createSessionStore(options.redis, options.keyPrefix),
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
    saveUninitialized: false,
  };
  // Keep active users logged in: write the session back (and so reset its TTL) every time.
  config.resave = true;
  config.rolling = true;
  return session(config);
}
