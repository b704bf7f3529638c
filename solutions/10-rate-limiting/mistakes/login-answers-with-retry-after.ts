/**
 * Mistake: every login answer carries Retry-After, let through or not
 * Replaces: app.ts
 * Caught by: 10.8
 *
 * Telling a login client when its budget frees sounds like a brake on password guessers,
 * and the refusal still carries the right value. But on a 200 Retry-After tells a client
 * to wait before it sends again: a user who mistyped once, and every HTTP library that
 * honours the field by itself, now pauses for seconds it did not have to. Retry-After
 * belongs to the refusal alone, on every route.
 */
import express, { type Express } from 'express';
import type { LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createApp as createRealApp } from '../src/app.js';

export function createApp(options: LimiterOptions): Express {
  const app = express();
  app.post('/login', (_req, res, next) => {
    const send = res.json.bind(res);
    res.json = (body) => {
      const reset = res.get('RateLimit-Reset');
      if (reset) res.set('Retry-After', reset);
      return send(body);
    };
    next();
  });
  app.use(createRealApp(options));
  return app;
}
