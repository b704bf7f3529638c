// Lab 10: the API. One instance per process; the suite starts two against one Redis.
import express, { type Express, type RequestHandler } from 'express';
import { API_KEY_HEADER, type LimiterOptions, type RouteClass } from './contract.js';
import { createLimiter } from './limiter.js';

export function createApp(options: LimiterOptions): Express {
  const limiter = createLimiter(options);

  const limit = (routeClass: RouteClass): RequestHandler =>
    async (req, res, next) => {
      // TODO(10): callers without a key all share the budget of one made-up caller.
      const apiKey = req.get(API_KEY_HEADER) ?? 'anonymous';
      const decision = await limiter.hit(apiKey, routeClass);
      // TODO(10): clients need to know their budget on every response, and when to come
      // back after a refusal (lesson 10, "Per API key, in Express").
      if (decision.outcome === 'limited') {
        res.status(429).json({ error: 'too many requests' });
        return;
      }
      next();
    };

  const app = express();
  app.get('/orders', limit('read'), (_req, res) => {
    res.json({ orders: [] });
  });
  app.post('/orders', limit('write'), (_req, res) => {
    res.status(201).json({ created: true });
  });
  app.post('/login', limit('login'), (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}
