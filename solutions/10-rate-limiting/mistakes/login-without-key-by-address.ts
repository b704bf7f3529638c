/**
 * Mistake: a login without an API key is limited by the caller's address
 * Replaces: app.ts
 * Caught by: 10.1
 *
 * People log in to get a key, so refusing a keyless login with 401 can look like a bug,
 * and limiting it by IP address instead sounds like the usual fallback. But the README's
 * rule holds on every route: no key, 401, no budget touched. Behind a load balancer or a
 * NAT every caller shares one address and so one budget of five logins, and the limiter
 * now keeps keys named after addresses it was never asked to track.
 */
import express, { type Express } from 'express';
import { API_KEY_HEADER, type LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createApp as createRealApp } from '../src/app.js';

export function createApp(options: LimiterOptions): Express {
  const app = express();
  // In front of the real app, which then sees the address as the login's API key.
  app.post('/login', (req, _res, next) => {
    req.headers[API_KEY_HEADER] ??= `ip:${req.ip}`;
    next();
  });
  app.use(createRealApp(options));
  return app;
}
