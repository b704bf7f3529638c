// Lab 06: the session middleware. It keeps sessions in this process's memory, so they
// work until a second instance or a restart. Fix the TODOs; the checks say which remain.
import session from 'express-session';
import type { RequestHandler } from 'express';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from './contract.js';

export function createSessionMiddleware({ secret, maxAgeMs = SESSION_MAX_AGE_MS }: SessionAppOptions): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    // TODO(06): no `store`, so express-session uses its MemoryStore: a map inside this
    // process. Another instance has never heard of these sessions; a restart forgets them.
    // (connect-redis 7: `import RedisStore from 'connect-redis'`, takes an ioredis client.)
    resave: false,
    // TODO(06): `true` stores a session, and sends a cookie, for every visitor who never
    // logs in or adds anything: crawlers and health checks included.
    saveUninitialized: true,
    // TODO(06): activity does not extend anything here. Which option re-issues the cookie
    // (and so refreshes the stored session's expiry) on every response?
    cookie: {
      maxAge: maxAgeMs,
      // TODO(06): which attributes keep this cookie from page scripts, from requests other
      // sites start, and off plain HTTP?
    },
  });
}
