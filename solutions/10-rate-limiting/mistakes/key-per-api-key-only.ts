/**
 * Mistake: one budget per API key, shared by every route class
 * Replaces: keys.ts
 * Caught by: 10.1, 10.3, 10.8
 *
 * Keying by API key is the lesson's advice, and one budget per caller is simpler. But the
 * classes have different limits for a reason: a client that spends its generous read
 * budget has also used up its writes and its five login attempts, and the login counter
 * that protects against guessing is spent by browsing.
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
  `${keyPrefix}rl:${apiKey}`;
