/**
 * Mistake: without trustProxy, the app still trusts Docker's bridge networks
 * Replaces: app.ts
 * Caught by: 06.12
 *
 * In a container the balancer reaches the app from 172.17.x.x, so trusting 172.16.0.0/12
 * when trustProxy is not given makes Secure work out of the box, and neither this machine
 * nor the internet nor a 10.x host is believed. But trustProxy absent means no proxy is
 * there: every other container on the bridge can claim HTTPS and forge req.ip.
 */
import type { Express } from 'express';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionApp as createApp } from '../src/app.js';

export function createSessionApp(options: SessionAppOptions): Express {
  const app = createApp(options);
  if (!options.trustProxy) app.set('trust proxy', '172.16.0.0/12');
  return app;
}
