/**
 * Mistake: the cookie gets no maxAge, so it "dies when the browser closes"
 * Replaces: cookie-options.ts
 * Caught by: 06.4, 06.5
 *
 * A cookie without an expiry feels safer: no lingering login. But browsers restore such
 * cookies with the previous session, so it may live for weeks; and the server no longer
 * knows how long the session lasts. connect-redis then falls back to its default TTL, one
 * day, whatever maxAgeMs the app was given. The key and the cookie no longer agree.
 */
import type { CookieOptions } from 'express-session';

export function sessionCookie(_maxAgeMs: number): CookieOptions {
  // Session cookie: no Expires, no Max-Age.
  return { httpOnly: true, sameSite: 'strict', secure: 'auto', path: '/' };
}
