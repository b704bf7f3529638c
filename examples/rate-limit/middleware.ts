// Express middleware: limit each API key; anonymous callers are limited per IP address.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RateLimiter } from './fixed-window.js';

// #region middleware
export function rateLimit(limiter: RateLimiter): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const apiKey = req.get('x-api-key');
    const subject = apiKey ? `key:${apiKey}` : `ip:${req.ip}`;
    let decision;
    try {
      decision = await limiter.check(subject);
    } catch (err) {
      // Redis is down or slow: fail open (serve the request) and make it visible.
      // A limiter that protects something fragile may choose to fail closed instead.
      console.warn('[rate-limit] check failed, letting the request through', err);
      return next();
    }
    res.setHeader('RateLimit-Limit', String(decision.limit));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    if (!decision.allowed) {
      res.setHeader('Retry-After', String(Math.ceil(decision.retryAfterMs / 1000)));
      res.status(429).json({ error: 'rate limit exceeded' });
      return;
    }
    next();
  };
}
// #endregion middleware
