/**
 * Mistake: one budget per route class, shared by every caller
 * Replaces: keys.ts
 * Caught by: 10.3
 *
 * The key names the class and the window works, so one client in a test sees exactly the
 * right numbers. But the API key is missing from it: every client shares one budget, and
 * the first noisy client to spend it locks out all the others.
 */
import type { RouteClass } from '../../../labs/10-rate-limiting/src/contract.js';

/**
 * One budget per API key and route class. The class comes first: it never holds a colon,
 * so no API key, whatever it contains, can name another caller's key.
 */
export const limitKey = (
  keyPrefix: string,
  routeClass: RouteClass,
  apiKey: string,
): string =>
  `${keyPrefix}rl:${routeClass}`;
