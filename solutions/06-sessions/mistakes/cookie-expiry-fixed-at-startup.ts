/**
 * Mistake: the cookie's expiry is a date worked out once, when the app starts
 * Replaces: cookie-options.ts
 * Caught by: 06.4
 *
 * `expires: new Date(Date.now() + maxAgeMs)` reads like "maxAgeMs from now", and on a
 * freshly started app every check of the first minute agrees. But the options are built
 * once: "now" is the moment the app started, so each session gets maxAgeMs minus the
 * app's uptime, in the cookie and, through connect-redis, in the key's TTL. A day after a
 * deploy, every new session is born expired. `maxAge` is counted from each request.
 */
import type { CookieOptions } from 'express-session';

export function sessionCookie(maxAgeMs: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    expires: new Date(Date.now() + maxAgeMs),
    path: '/',
  };
}
