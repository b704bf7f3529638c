/**
 * Mistake: without a trusted proxy the cookie drops HttpOnly and SameSite
 * Replaces: session.ts
 * Caught by: 06.12
 *
 * No proxy usually means a developer's laptop over plain HTTP, where a cookie that the
 * browser's console can read and that any site can send is convenient. But trustProxy is
 * false in every deployment without a TLS-terminating proxy, and those sessions need
 * HttpOnly (against XSS) and SameSite (against CSRF) as much as any: only Secure depends
 * on the request.
 */
import type { RequestHandler } from 'express';
import type { CookieOptions } from 'express-session';
import { SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionMiddleware as right } from '../src/session.js';

export function createSessionMiddleware(options: SessionAppOptions, cookie?: CookieOptions): RequestHandler {
  const base = cookie ?? sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS);
  return right(options, options.trustProxy ? base : { ...base, httpOnly: false, sameSite: false });
}
