/**
 * Mistake: with trustProxy, Express trusts every hop of X-Forwarded-For, not the one proxy
 * Replaces: app.ts
 * Caught by: 06.20
 *
 * `app.set('trust proxy', true)` is the first line most answers give for "Express behind
 * a proxy", and behind the balancer everything works: X-Forwarded-Proto is believed, the
 * cookie is Secure. But `true` trusts every address in X-Forwarded-For, and the proxy only
 * appends to what the client sent: req.ip becomes the leftmost entry, which the client
 * wrote itself. One proxy in front means one hop: `app.set('trust proxy', 1)`.
 */
import type { Express } from 'express';
import type { SessionAppOptions } from '../../../labs/06-sessions/src/contract.js';
import { createSessionApp as createApp } from '../src/app.js';

export function createSessionApp(options: SessionAppOptions): Express {
  const app = createApp(options);
  if (options.trustProxy) app.set('trust proxy', true);
  return app;
}
