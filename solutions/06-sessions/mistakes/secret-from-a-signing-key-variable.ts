/**
 * Mistake: the secret is read from SESSION_SIGNING_KEY, options.secret only when it is unset
 * Replaces: session.ts
 * Caught by: 06.14
 *
 * The same twelve-factor habit as reading SESSION_SECRET, under a name of the team's own.
 * The name changes nothing: wherever the variable is set, the configured secret is
 * ignored, and instances given different secrets accept each other's cookies. The app's
 * configuration is its options; whoever builds them reads the environment.
 */
import type { RequestHandler } from 'express';
import type { CookieOptions } from 'express-session';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionMiddleware as createRight } from '../src/session.js';

export function createSessionMiddleware(options: SessionAppOptions, cookie?: CookieOptions): RequestHandler {
  return createRight({ ...options, secret: process.env.SESSION_SIGNING_KEY ?? options.secret }, cookie);
}
