/**
 * Mistake: an API key in the query string (?api_key=) is taken when the header is missing
 * Replaces: app.ts
 * Caught by: 10.1
 *
 * Accepting the key in the URL too is a courtesy to clients that cannot set headers (a
 * link, a quick curl). But a URL is written down everywhere it passes: access logs,
 * proxies, browser history, the Referer of the next page. Keys leak that way, and a leaked
 * key spends its owner's budget. The README's key comes in the header only.
 */
import express, { type Express } from 'express';
import { API_KEY_HEADER, type LimiterOptions } from '../../../labs/10-rate-limiting/src/contract.js';
import { createApp as createRight } from '../src/app.js';

export function createApp(options: LimiterOptions): Express {
  const app = express();
  app.use((req, _res, next) => {
    const fromQuery = req.query.api_key;
    if (!req.get(API_KEY_HEADER) && typeof fromQuery === 'string') req.headers[API_KEY_HEADER.toLowerCase()] = fromQuery;
    next();
  });
  app.use(createRight(options));
  return app;
}
