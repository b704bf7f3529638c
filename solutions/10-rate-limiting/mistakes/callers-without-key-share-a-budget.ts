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
import express, { type Express, type RequestHandler } from 'express';
import {
  API_KEY_HEADER,
  type Limiter,
  type LimiterOptions,
  type RouteClass,
} from '../../../labs/10-rate-limiting/src/contract.js';
import { describeBudget } from '../src/headers.js';
import { createLimiter } from '../src/limiter.js';

function limit(limiter: Limiter, routeClass: RouteClass): RequestHandler {
  return async (req, res, next) => {
    const apiKey = req.get(API_KEY_HEADER) ?? 'anonymous';
    const decision = await limiter.hit(apiKey, routeClass);
    describeBudget(res, decision);
    if (decision.outcome === 'limited') {
      res.status(429).json({ error: 'rate limit exceeded' });
    } else if (decision.outcome === 'failed-closed') {
      res.status(503).json({ error: 'rate limiter unavailable, try again shortly' });
    } else {
      next();
    }
  };
}

export function createApp(options: LimiterOptions): Express {
  const limiter = createLimiter(options);
  const app = express();
  app.get('/orders', limit(limiter, 'read'), (_req, res) => {
    res.json({ orders: [] });
  });
  app.post('/orders', limit(limiter, 'write'), (_req, res) => {
    res.status(201).json({ created: true });
  });
  app.post('/login', limit(limiter, 'login'), (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}
