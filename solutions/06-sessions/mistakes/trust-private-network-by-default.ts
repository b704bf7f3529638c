/**
 * Mistake: without trustProxy, the app trusts proxies on the private network
 * Replaces: app.ts
 * Caught by: 06.12
 *
 * In a container platform the load balancer reaches the app from a private address, so
 * `trust proxy` falls back to 'uniquelocal' when trustProxy is not given: the Secure flag
 * works out of the box, and a request from the internet or from this machine is still not
 * believed. But trustProxy absent means "no proxy is there", and every other service,
 * pod or compromised host on the private network can now claim HTTPS and forge its address
 * in req.ip. When no proxy is configured, X-Forwarded-* is the client's claim, whoever
 * the client is.
 */
import type { Express } from 'express';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionApp as createApp } from '../src/app.js';

export function createSessionApp(options: SessionAppOptions): Express {
  const app = createApp(options);
  // Our balancer sits on the private network: trust it unless told otherwise.
  app.set('trust proxy', options.trustProxy ?? 'uniquelocal');
  return app;
}
