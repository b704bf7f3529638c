/**
 * Mistake: cookies signed with the old hard-coded secret are re-signed, "so nobody is logged out"
 * Replaces: app.ts
 * Caught by: 06.14
 *
 * The app once signed with 'keyboard cat', from express-session's README. Moving the
 * secret to configuration would log out everyone holding an old cookie, so a small
 * middleware in front of the session recognises that signature and swaps in one made
 * with the configured secret; the session middleware itself only ever knows
 * options.secret. But the old secret is still in the code and still opens sessions: anyone
 * who signs a session id with it (and the value is in every tutorial) is let in on every
 * deployment, for good. Let the old cookies expire, or keep the old secret in
 * configuration for one session lifetime.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import { accountRoutes, SESSION_COOKIE, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { login } from '../src/login.js';
import { logout } from '../src/logout.js';
import { createSessionMiddleware } from '../src/session.js';

/** express-session's signature: HMAC-SHA256 of the id, base64 without padding. */
const sign = (id: string, secret: string) => createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, '');

/** A middleware that swaps a cookie signed with `old` for one signed with `secret`. */
function resignCookiesSignedWith(old: string, secret: string): RequestHandler {
  const cookie = new RegExp(`(^|;\\s*)${SESSION_COOKIE}=([^;]*)`);
  return (req, _res, next) => {
    const found = cookie.exec(req.headers.cookie ?? '');
    const [, id = '', signature = ''] = /^s:(.+)\.([^.]+)$/.exec(decodeURIComponent(found?.[2] ?? '')) ?? [];
    const expected = Buffer.from(sign(id, old));
    if (found && id && expected.length === signature.length && timingSafeEqual(expected, Buffer.from(signature))) {
      req.headers.cookie = req.headers.cookie!.replace(found[0], `${found[1]}${SESSION_COOKIE}=${encodeURIComponent(`s:${id}.${sign(id, secret)}`)}`);
    }
    next();
  };
}

/** The app, with cookies signed with `old` re-signed in front of its session middleware. */
export function appResigningCookiesSignedWith(old: string): (options: SessionAppOptions) => Express {
  return (options) => {
    const app = express();
    if (options.trustProxy) app.set('trust proxy', 1);
    app.use(express.json());
    app.use(resignCookiesSignedWith(old, options.secret));
    app.use(createSessionMiddleware(options));
    app.post('/login', login(options.db));
    app.post('/logout', logout);
    app.use(accountRoutes(options.db));
    return app;
  };
}

export const createSessionApp = appResigningCookiesSignedWith('keyboard cat');
