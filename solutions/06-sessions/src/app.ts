import express, { type Express } from 'express';
import { accountRoutes, type SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { login } from './login.js';
import { logout } from './logout.js';
import { createSessionMiddleware } from './session.js';

/**
 * One instance of the app. Run as many as you like: with sessions in Redis, any of them
 * can serve any request, and a restart logs nobody out.
 */
export function createSessionApp(options: SessionAppOptions): Express {
  const app = express();
  // #region trust-proxy
  // Behind one TLS-terminating proxy, believe the X-Forwarded-Proto it sets: req.secure
  // becomes true for HTTPS traffic, which is what `secure: 'auto'` reads. Only when a
  // proxy is really there: otherwise any client could claim HTTPS with a header.
  if (options.trustProxy) app.set('trust proxy', 1);
  // #endregion trust-proxy
  app.use(express.json());
  app.use(createSessionMiddleware(options));
  app.post('/login', login(options.db));
  app.post('/logout', logout);
  app.use(accountRoutes(options.db));
  return app;
}
