/**
 * Mistake: session ids hashed from the pid, the wall clock, the uptime and a counter
 * Replaces: session.ts
 * Caught by: 06.13
 *
 * Four inputs that together never repeat, through SHA-256: the ids are 64 hex digits that
 * look as random as any, and no two in one process are the same. But a hash hides its
 * inputs without adding any secret: the pid is small, the clock is public, the uptime is
 * close to the time since the last deploy and the counter is the number of sessions so
 * far, so whoever can estimate them can compute the ids. And two processes whose inputs
 * coincide (containers all run as pid 1, and start together) issue the same ids.
 * Session ids come from a cryptographic random source.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

let issued = 0;
const uniqueId = () => createHash('sha256').update(`${process.pid}:${new Date().getTime()}:${process.uptime()}:${issued++}`).digest('hex');

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  if (!options.secret) throw new Error('createSessionApp: options.secret is required to sign session cookies');
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store: createSessionStore(options.redis, options.keyPrefix),
    genid: uniqueId,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
  });
}
