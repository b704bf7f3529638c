/**
 * Mistake: cookies signed with the previous secret are re-signed in front of the session, "to rotate without logging anyone out"
 * Replaces: app.ts
 * Caught by: 06.14
 *
 * Accepting the old signature for a while is how secrets are rotated, and this one is no
 * tutorial value a forger would try. But it lives in the code, for good: whoever has read
 * the repository, or an old build, signs any session id with it and is let in on every
 * deployment. A rotation belongs in configuration (express-session takes a list of
 * secrets), for one session lifetime, then the old secret is dropped.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import { accountRoutes, SESSION_COOKIE, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { login } from '../src/login.js';
import { logout } from '../src/logout.js';
import { createSessionMiddleware } from '../src/session.js';

const PREVIOUS_SECRET = 'shop-sessions-2025: the secret before the rotation';
/** express-session's signature: HMAC-SHA256 of the id, base64 without padding. */
const sign = (id: string, secret: string) => createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, '');

function resignPreviousCookies(secret: string): RequestHandler {
  const cookie = new RegExp(`(^|;\\s*)${SESSION_COOKIE}=([^;]*)`);
  return (req, _res, next) => {
    const found = cookie.exec(req.headers.cookie ?? '');
    const [, id = '', signature = ''] = /^s:(.+)\.([^.]+)$/.exec(decodeURIComponent(found?.[2] ?? '')) ?? [];
    const expected = Buffer.from(sign(id, PREVIOUS_SECRET));
    if (found && id && expected.length === signature.length && timingSafeEqual(expected, Buffer.from(signature))) {
      req.headers.cookie = req.headers.cookie!.replace(found[0], `${found[1]}${SESSION_COOKIE}=${encodeURIComponent(`s:${id}.${sign(id, secret)}`)}`);
    }
    next();
  };
}

export function createSessionApp(options: SessionAppOptions): Express {
  const app = express();
  if (options.trustProxy) app.set('trust proxy', 1);
  app.use(express.json());
  app.use(resignPreviousCookies(options.secret));
  app.use(createSessionMiddleware(options));
  app.post('/login', login(options.db));
  app.post('/logout', logout);
  app.use(accountRoutes(options.db));
  return app;
}
