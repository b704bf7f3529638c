/**
 * Mistake: a request let through without Redis still carries RateLimit-Limit
 * Replaces: app.ts
 * Caught by: 10.10, 10.11, 10.12, 10.14
 *
 * The limit is known without Redis, since it is the class's policy, so sending it looks
 * like an honest partial answer: no made-up Remaining or Reset. But a RateLimit field
 * says the limiter counted this request against a budget, and none was counted: a client
 * that paces itself by these fields goes on trusting a limiter that is not running. When
 * Redis could not be asked, the response carries no RateLimit field at all.
 */
import express, { type Express, type RequestHandler } from 'express';
import {
  API_KEY_HEADER,
  policyFor,
  type Limiter,
  type LimiterOptions,
  type RouteClass,
} from '../../../labs/10-rate-limiting/src/contract.js';
import { describeBudget } from '../src/headers.js';
import { createLimiter } from '../src/limiter.js';

function limit(limiter: Limiter, routeClass: RouteClass, options: LimiterOptions): RequestHandler {
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
      if (decision.outcome === 'failed-open') res.set('RateLimit-Limit', String(policyFor(options, routeClass).limit));
      next();
    }
  };
}

export function createApp(options: LimiterOptions): Express {
  const limiter = createLimiter(options);
  const app = express();
  app.get('/orders', limit(limiter, 'read', options), (_req, res) => {
    res.json({ orders: [] });
  });
  app.post('/orders', limit(limiter, 'write', options), (_req, res) => {
    res.status(201).json({ created: true });
  });
  app.post('/login', limit(limiter, 'login', options), (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}
