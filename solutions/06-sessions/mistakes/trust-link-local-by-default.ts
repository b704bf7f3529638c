/**
 * Mistake: without trustProxy, the app still trusts link-local peers
 * Replaces: app.ts
 * Caught by: 06.12
 *
 * Some cloud balancers and sidecars talk to the app over link-local addresses
 * (169.254.0.0/16, fe80::/10), which "cannot come from outside", so `'linklocal'` looks
 * like a safe default. But any process on the host or segment can use them too, and with
 * no proxy configured its X-Forwarded-Proto and X-Forwarded-For are believed.
 */
import type { Express } from 'express';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionApp as createApp } from '../src/app.js';

export function createSessionApp(options: SessionAppOptions): Express {
  const app = createApp(options);
  if (!options.trustProxy) app.set('trust proxy', 'linklocal');
  return app;
}
