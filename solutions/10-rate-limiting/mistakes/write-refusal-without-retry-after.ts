/**
 * Mistake: a refused write is a bare 429, without Retry-After
 * Replaces: app.ts
 * Caught by: 10.9
 *
 * A write is not idempotent, so inviting a client to send the order again sounds risky,
 * and reads and logins still say when to come back. But the order was refused, not
 * taken: nothing would be sent twice. Without Retry-After the client guesses, retries at
 * once and is refused again, or gives up on an order it could have placed seconds later.
 * Every refusal, on every route, says when a slot frees.
 */
import express, { type Express } from 'express';
import type { LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createApp as createRealApp } from '../src/app.js';

export function createApp(options: LimiterOptions): Express {
  const app = express();
  app.post('/orders', (_req, res, next) => {
    const send = res.json.bind(res);
    res.json = (body) => {
      if (res.statusCode === 429) res.removeHeader('Retry-After');
      return send(body);
    };
    next();
  });
  app.use(createRealApp(options));
  return app;
}
