/**
 * Mistake: a blank secret falls back to SESSION_SECRET from the environment
 * Replaces: session.ts
 * Caught by: 06.14
 *
 * No constant in the code, and the app still refuses to start when neither is set, so it
 * reads like a careful fallback. But an empty secret in the configuration is a deployment
 * error, and this hides it behind whatever the environment happens to hold (a variable
 * left over from another service, a shared default): the app starts and signs with a
 * secret nobody gave it.
 */
import type { RequestHandler } from 'express';
import type { CookieOptions } from 'express-session';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionMiddleware as createRight } from '../src/session.js';

export function createSessionMiddleware(options: SessionAppOptions, cookie?: CookieOptions): RequestHandler {
  return createRight({ ...options, secret: options.secret.trim() ? options.secret : (process.env.SESSION_SECRET ?? '') }, cookie);
}
