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
    const apiKey = req.get(API_KEY_HEADER);
    if (!apiKey) {
      res.status(401).json({ error: `send your API key in ${API_KEY_HEADER}` });
      return;
    }
    const decision = await limiter.hit(apiKey, routeClass);
    describeBudget(res, decision);
    if (decision.outcome === 'limited') {
      res.status(429).json({ error: 'rate limit exceeded' });
    } else if (decision.outcome === 'failed-closed') {
      res.status(429).json({ error: 'rate limiter unavailable, try again shortly' });
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
