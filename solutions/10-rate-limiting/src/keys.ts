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
  `${keyPrefix}rl:${routeClass}:${apiKey}`;
