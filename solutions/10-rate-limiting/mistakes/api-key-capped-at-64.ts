/**
 * Mistake: the API key is cut to its first 64 characters in the Redis key
 * Replaces: keys.ts
 * Caught by: 10.3
 *
 * Capping what goes into a key name looks like hygiene: no caller can make Redis hold a
 * key of a megabyte. But two long keys that share their first 64 characters (a tenant
 * prefix, a common scheme) now share one budget, and one client's burst refuses the other.
 * Hash the key if its length matters, whole.
 */
import type { RouteClass } from '../../../labs/10-rate-limiting/src/contract.js';
import { limitKey as exact } from '../src/keys.js';

export const limitKey = (keyPrefix: string, routeClass: RouteClass, apiKey: string): string =>
  exact(keyPrefix, routeClass, apiKey.slice(0, 64));
