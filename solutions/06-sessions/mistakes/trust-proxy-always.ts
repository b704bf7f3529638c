/**
 * Mistake: `trust proxy` is switched on unconditionally, whatever options.trustProxy says
 * Replaces: app.ts
 * Caught by: 06.12
 *
 * Production has a load balancer, the Secure flag only appears once Express trusts it, so
 * the line goes in without the `if`: everything works behind the balancer, and 06.10 is
 * green. But an app reached directly (trustProxy false: no proxy, or one that does not set
 * the header) now believes X-Forwarded-Proto from whoever sends it. Any client can claim
 * HTTPS, and with it get Secure cookies on plain HTTP, forge its IP in req.ip, and pass
 * every check that asks "was this request secure?". Trust exactly the proxies you have.
 */
import type { Express } from 'express';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionApp as createApp } from '../src/app.js';

export function createSessionApp(options: SessionAppOptions): Express {
  const app = createApp(options);
  // We always deploy behind the balancer; no need to make it configurable.
  app.set('trust proxy', true);
  return app;
}
