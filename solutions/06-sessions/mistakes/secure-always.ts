/**
 * Mistake: `secure: true`, because session cookies must never travel over plain HTTP
 * Replaces: cookie-options.ts
 * Caught by: 06.12
 *
 * The rule is right and the setting reads like it. But express-session only sends a
 * `secure: true` cookie on a request it believes was HTTPS; on any other it sends no cookie
 * at all, silently. Reached over plain HTTP (local development, a proxy that forwards a
 * plain-HTTP request, an instance without trustProxy) the login answers 200 and the user
 * is still logged out. `secure: 'auto'` sets the flag from how the request arrived.
 */
import type { CookieOptions } from 'express-session';

export function sessionCookie(maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: true, maxAge: maxAgeMs, path: '/' };
}
