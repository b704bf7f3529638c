// Lab 06: the app. One instance per process; the suite starts several against one Redis.
import express, { type Express } from 'express';
import { accountRoutes, type SessionAppOptions } from './contract.js';
import { login } from './login.js';
import { logout } from './logout.js';
import { createSessionMiddleware } from './session.js';

export function createSessionApp(options: SessionAppOptions): Express {
  const app = express();
  // TODO(06): options.trustProxy says a TLS-terminating proxy is in front. Until Express is
  // told to believe its X-Forwarded-Proto header, every request looks like plain HTTP.
  // Without a proxy, though, that header is whatever the client chose to send.
  app.use(express.json());
  app.use(createSessionMiddleware(options));
  app.post('/login', login(options.db));
  app.post('/logout', logout);
  app.use(accountRoutes(options.db));
  return app;
}
