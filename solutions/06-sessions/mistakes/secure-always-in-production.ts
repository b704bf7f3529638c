/**
 * Mistake: `secure: true` in production, 'auto' elsewhere
 * Replaces: cookie-options.ts
 * Caught by: 06.12
 *
 * The pattern of many express-session tutorials: strict in production, relaxed on the
 * laptop, and every test (run under NODE_ENV=test) passes. But in production a request the
 * app does not see as HTTPS (an instance without trustProxy, a proxy that forwards plain
 * HTTP) gets no cookie at all: the login answers 200 and the user is still logged out, in
 * the one environment nobody tests. `secure: 'auto'` is right everywhere.
 */
import type { CookieOptions } from 'express-session';
import { sessionCookie as everywhere } from '../src/cookie-options.js';

export function sessionCookie(maxAgeMs: number): CookieOptions {
  return { ...everywhere(maxAgeMs), secure: process.env.NODE_ENV === 'production' ? true : 'auto' };
}
