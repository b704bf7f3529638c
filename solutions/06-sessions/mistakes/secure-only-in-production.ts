/**
 * Mistake: Secure is switched on by NODE_ENV instead of by how the request arrived
 * Replaces: cookie-options.ts
 * Caught by: 06.10
 *
 * `secure: process.env.NODE_ENV === 'production'` appears in countless tutorials and
 * works in production. Everywhere else (staging, a preview deploy, a test run) the
 * cookie travels without Secure even over HTTPS, and with NODE_ENV=production on a box
 * without a trusted proxy, express-session silently stops sending the cookie at all.
 * Tie Secure to the request: trust the proxy, then secure: 'auto' (or true behind TLS).
 */
import type { CookieOptions } from 'express-session';

const production = process.env.NODE_ENV === 'production';

export const sessionCookie = (maxAgeMs: number): CookieOptions => ({
  maxAge: maxAgeMs,
  httpOnly: true,
  sameSite: 'lax',
  secure: production,
});
