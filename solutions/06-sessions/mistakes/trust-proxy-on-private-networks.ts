/**
 * Mistake: with trustProxy, Express trusts whatever proxy is on a local or private network
 * Replaces: app.ts
 * Caught by: 06.20
 *
 * `['loopback', 'linklocal', 'uniquelocal']` reads safer than one hop: only our own
 * networks are believed. But it is a rule about addresses, not about the one proxy there
 * is: a balancer that reaches the app from a public address (a CDN, a cloud balancer) is
 * not believed, so its HTTPS traffic gets no Secure cookie; and every private address the
 * client writes into X-Forwarded-For before the proxy's entry is trusted as another proxy,
 * so req.ip is what the client chose.
 */
import type { Express } from 'express';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionApp as createApp } from '../src/app.js';

export function createSessionApp(options: SessionAppOptions): Express {
  const app = createApp(options);
  if (options.trustProxy) app.set('trust proxy', ['loopback', 'linklocal', 'uniquelocal']);
  return app;
}
