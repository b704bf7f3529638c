/**
 * Mistake: the secret is trimmed before it signs anything
 * Replaces: session.ts
 * Caught by: 06.14
 *
 * A secret pasted into a file or a variable often ends with a newline, so trimming looks
 * like tidying up, and every instance trims alike: they still agree. But the app then signs
 * with a secret nobody configured: ' s3cret\n' and 's3cret' become one secret, so a
 * deployment given the other accepts these cookies, and a signature made with the secret
 * as configured is refused. Use it exactly as given, like keyPrefix.
 */
import type { RequestHandler } from 'express';
import type { CookieOptions } from 'express-session';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionMiddleware as createRight } from '../src/session.js';

export function createSessionMiddleware(options: SessionAppOptions, cookie?: CookieOptions): RequestHandler {
  return createRight({ ...options, secret: options.secret.trim() }, cookie);
}
