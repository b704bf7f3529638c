/**
 * Mistake: Express always trusts the proxy, and only the cookie follows trustProxy
 * Replaces: app.ts
 * Caught by: 06.12
 *
 * Production always has the balancer, so `trust proxy` is set once for the deployment,
 * and the one place where trusting it matters for the lab, the Secure flag, is made to
 * follow options.trustProxy itself. Every cookie is right: Secure behind the trusted
 * proxy, never on a forged header. But the rest of the app still believes X-Forwarded-*
 * from anyone when trustProxy is false: req.protocol and req.secure say HTTPS, and req.ip
 * is whatever the client wrote into X-Forwarded-For, which is what rate limits, audit logs
 * and redirects read. Trust is one setting, taken from the configuration.
 */
import express, { type Express } from 'express';
import { accountRoutes, SESSION_MAX_AGE_MS, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { sessionCookie } from '../src/cookie-options.js';
import { login } from '../src/login.js';
import { logout } from '../src/logout.js';
import { createSessionMiddleware } from '../src/session.js';

export function createSessionApp(options: SessionAppOptions): Express {
  const app = express();
  // Always behind the balancer; the cookie decides for itself whether to believe it.
  app.set('trust proxy', 1);
  const cookie = { ...sessionCookie(options.maxAgeMs ?? SESSION_MAX_AGE_MS), secure: options.trustProxy ? ('auto' as const) : false };
  app.use(express.json());
  app.use(createSessionMiddleware(options, cookie));
  app.post('/login', login(options.db));
  app.post('/logout', logout);
  app.use(accountRoutes(options.db));
  return app;
}
