import express, { type Express, type RequestHandler } from 'express';
import {
  API_KEY_HEADER,
  type Limiter,
  type LimiterOptions,
  type RouteClass,
} from '../../../labs/10-rate-limiting/src/contract.js';
import { describeBudget } from './headers.js';
import { createLimiter } from './limiter.js';

// #region middleware
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
      res.status(503).json({ error: 'rate limiter unavailable, try again shortly' });
    } else {
      next();
    }
  };
}
// #endregion middleware

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
