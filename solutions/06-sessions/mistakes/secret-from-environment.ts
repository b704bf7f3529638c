/**
 * Mistake: the secret is read from SESSION_SECRET, options.secret only when it is unset
 * Replaces: session.ts
 * Caught by: 06.14
 *
 * Twelve-factor habit: secrets come from the environment, and the option is a fallback
 * for tests. On a machine without the variable it behaves exactly like the right answer.
 * But wherever the variable is set, the configured secret is ignored: instances given
 * different secrets accept each other's cookies, and one given an empty secret starts.
 * The app's configuration is its options; whoever builds them reads the environment.
 */
import type { RequestHandler } from 'express';
import type { CookieOptions } from 'express-session';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionMiddleware as createRight } from '../src/session.js';

export function createSessionMiddleware(options: SessionAppOptions, cookie?: CookieOptions): RequestHandler {
  return createRight({ ...options, secret: process.env.SESSION_SECRET ?? options.secret }, cookie);
}
