/**
 * Mistake: express-session's own `proxy: true`, so the Secure flag works behind the balancer
 * Replaces: session.ts
 * Caught by: 06.12
 *
 * express-session has an option made for exactly this: `proxy: true` makes it read
 * X-Forwarded-Proto when deciding whether a `secure: 'auto'` cookie gets the flag, and
 * the cookie is Secure behind the balancer without touching Express. But it does so
 * always, not only when a proxy is configured: on an instance reached directly, any client
 * that sends the header is treated as HTTPS. The session must follow the app's one notion
 * of trust (trust proxy, set from options.trustProxy), which is what `proxy` left unset does.
 */
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store: createSessionStore(options.redis, options.keyPrefix),
    proxy: true, // "trust the reverse proxy when setting secure cookies"
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
  });
}
