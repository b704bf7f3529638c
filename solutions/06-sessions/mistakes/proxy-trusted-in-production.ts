/**
 * Mistake: in production the proxy is trusted whatever trustProxy says
 * Replaces: app.ts
 * Caught by: 06.12
 *
 * "In production we are always behind the load balancer" is the usual advice for Heroku
 * or Render, and in tests (NODE_ENV=test) nothing changes. But an instance reached
 * directly, or a balancer that passes the client's own headers through, then believes any
 * client's X-Forwarded-Proto and X-Forwarded-For: a forged HTTPS and a forged address, in
 * the one environment that matters. Whether a proxy is there is configuration: trustProxy.
 */
import express, { type Express } from 'express';
import { accountRoutes, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { login } from '../src/login.js';
import { logout } from '../src/logout.js';
import { createSessionMiddleware } from '../src/session.js';

export function createSessionApp(options: SessionAppOptions): Express {
  const app = express();
  if (options.trustProxy || process.env.NODE_ENV === 'production') app.set('trust proxy', 1);
  app.use(express.json());
  app.use(createSessionMiddleware(options));
  app.post('/login', login(options.db));
  app.post('/logout', logout);
  app.use(accountRoutes(options.db));
  return app;
}
