/**
 * Mistake: a request without an API key is counted as "anonymous"
 * Replaces: app.ts
 * Caught by: 10.1
 *
 * Falling back to a placeholder keeps the middleware simple and still limits anonymous
 * traffic. But every caller without a key, and anyone who strips theirs, now shares one
 * budget: one of them spends it for all, and a limiter keyed by API key has nothing to
 * identify them by. Refuse the request with 401 instead.
 */
import express, { type Express } from 'express';
import { API_KEY_HEADER, type LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createApp as createRealApp } from '../src/app.js';

export function createApp(options: LimiterOptions): Express {
  const app = express();
  // In front of the real app's limiter, which then never sees a request without a key.
  app.use((req, _res, next) => {
    req.headers[API_KEY_HEADER] ??= 'anonymous';
    next();
  });
  app.use(createRealApp(options));
  return app;
}
