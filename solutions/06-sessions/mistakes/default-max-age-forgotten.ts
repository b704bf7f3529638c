/**
 * Mistake: the cookie takes options.maxAgeMs as it is, and the documented default is forgotten
 * Replaces: session.ts
 * Caught by: 06.4
 *
 * Every test configures maxAgeMs, so every test is green: the key and the cookie agree
 * whatever number is passed. An app created without it gets `maxAge: undefined`: a
 * browser-session cookie with no expiry, and connect-redis, finding no expiry, falls back
 * to its own default TTL of one day instead of the fifteen minutes the interface
 * promises. Defaults are part of the contract; apply them where the option is read.
 */
import type { RequestHandler } from 'express';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionMiddleware as createRealMiddleware } from '../src/session.js';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  return createRealMiddleware(options, sessionCookie(options.maxAgeMs as number));
}
