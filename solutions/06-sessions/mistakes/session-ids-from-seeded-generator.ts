/**
 * Mistake: session ids from a fast generator seeded once per process
 * Replaces: session.ts
 * Caught by: 06.13
 *
 * Reading the system's random source for every id sounds slow, so a xorshift128+ generator
 * is seeded once when the module loads and then hands out 128-bit ids: long, evenly
 * spread, never the same twice in a run. But the generator is not cryptographic: its whole
 * state is in its last outputs, so a visitor who collects two of their own ids can compute
 * everyone's next ones. And the seed comes from Math.random, which is not secret either:
 * two processes that start from the same seed issue the same ids, one visitor's session
 * then belongs to another. crypto.randomBytes (the default genid) costs microseconds.
 */
import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { createSessionStore } from '../src/session-store.js';

const state = Uint32Array.from({ length: 4 }, () => Math.random() * 2 ** 32);

function next32(): number {
  const [s0 = 0, s1 = 0, s2 = 0, s3 = 0] = state;
  let t = s3 ^ (s3 << 11);
  t ^= t >>> 8;
  state.set([t ^ s0 ^ (s0 >>> 19), s0, s1, s2]);
  return state[0]!;
}

const nextId = () => Array.from({ length: 4 }, () => next32().toString(16).padStart(8, '0')).join('');

export function createSessionMiddleware(options: SessionAppOptions): RequestHandler {
  if (!options.secret) throw new Error('createSessionApp: options.secret is required to sign session cookies');
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store: createSessionStore(options.redis, options.keyPrefix),
    genid: nextId,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS),
  });
}
