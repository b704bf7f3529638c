/**
 * Mistake: a limiter that fails closed answers 429
 * Replaces: app.ts
 * Caught by: 10.10, 10.11, 10.12, 10.14
 *
 * A refusal is a refusal, so the limiter's usual status seems right. But 429 tells the
 * client that it has spent its budget, which it has not: well-behaved clients back off
 * for a window they never used, and the monitoring that counts 429s sees abusive clients
 * where there is a Redis outage. 503 says the service is unavailable for now.
 */
import express, { type Express } from 'express';
import type { LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createApp as createRealApp } from '../src/app.js';

export function createApp(options: LimiterOptions): Express {
  const app = express();
  // In front of the real app, whose routes answer 503 only when the limiter fails closed.
  app.use((_req, res, next) => {
    const status = res.status.bind(res);
    res.status = (code) => status(code === 503 ? 429 : code);
    next();
  });
  app.use(createRealApp(options));
  return app;
}
