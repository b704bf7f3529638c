/**
 * Mistake: one random secret generated when the module loads, shared by the whole process
 * Replaces: session.ts
 * Caught by: 06.1, 06.2
 *
 * A step up from a secret per call: every app the process creates shares it, so two
 * instances started side by side in one test, one process, accept each other's cookies,
 * and the secret is in no repository. But a real second instance is another process
 * with another module, so another secret: it rejects every cookie the first one signed.
 * A restart makes a new one too, and logs everyone out. The secret must come from
 * configuration, the same for every process and every deploy.
 */
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

const PROCESS_SECRET = randomBytes(32).toString('base64url');

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: PROCESS_SECRET,
    store: createSessionStore(options.redis, options.keyPrefix),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
  });
}
