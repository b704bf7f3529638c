import type { RequestHandler } from 'express';
import session, { type CookieOptions } from 'express-session';
import {
  SESSION_COOKIE,
  SESSION_MAX_AGE_MS,
  type SessionAppOptions,
} from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from './cookie-options.js';
import { createSessionStore } from './session-store.js';

/** `cookie`: the session cookie's attributes, sessionCookie() for the configured age unless given. */
export function createSessionMiddleware(
  options: SessionAppOptions,
  cookie: CookieOptions = sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
): RequestHandler {
  const { redis, keyPrefix, secret } = options;
  // No secret is a deployment mistake: refuse to start rather than sign with a default.
  // Blank (spaces, the newline of an empty file) is missing too. Otherwise the secret is
  // used exactly as given: nothing trimmed, nothing read from the environment.
  if (!secret.trim()) throw new Error('createSessionApp: options.secret is required to sign session cookies');
  // #region session-middleware
  return session({
    name: SESSION_COOKIE,
    // Signs the cookie. It must be the same on every instance and across deploys, or
    // instances reject each other's cookies. (express-session rotates with an array,
    // [newest, previous]; this interface has one secret, so nothing else verifies.)
    secret,
    store: createSessionStore(redis, keyPrefix),
    // Never rewrite a session the request did not change. An unchanged session is only
    // touched (EXPIRE), so a slow request cannot write back a copy it loaded before a
    // faster request changed the cart.
    resave: false,
    // No key and no cookie until there is something worth keeping: bots and health
    // checks cost nothing, and an anonymous visitor has no id to fix in place.
    saveUninitialized: false,
    // Re-send the cookie on every response with a fresh expiry, so the browser's copy
    // slides together with the key's TTL. Without it, Redis renews the key while the
    // browser still drops the cookie at its first expiry.
    rolling: true,
    cookie,
  });
  // #endregion session-middleware
}
