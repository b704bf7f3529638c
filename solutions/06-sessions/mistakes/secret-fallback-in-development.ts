/**
 * Mistake: a built-in secret stands in for a missing one when NODE_ENV is development
 * Replaces: session.ts
 * Caught by: 06.14
 *
 * A fresh clone should run without configuration, and production must not start without
 * a secret, so the fallback is limited to development: everywhere else an empty secret
 * still throws, and a configured secret is always used. But NODE_ENV is a setting like
 * any other: a server started with the wrong one (a copied .env file, a forgotten
 * variable on a staging box that shares users with production) signs every session id
 * with a string anyone can read in the repository. A missing secret is an error in every
 * environment; a development setup gets its own secret from its own configuration.
 */
import type { RequestHandler } from 'express';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionMiddleware as createMiddleware } from '../src/session.js';

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  const secret = options.secret || (process.env.NODE_ENV === 'development' ? 'dev-only-session-secret' : '');
  return createMiddleware({ ...options, secret });
}
