/**
 * Mistake: for the login class only, the API key is folded to lower case
 * Replaces: keys.ts
 * Caught by: 10.3
 *
 * Login identifiers feel case-insensitive (an e-mail address mostly is), so folding them
 * for the login budget looks like closing a loophole. But the API key is not an address:
 * `Acme` and `acme` are two callers, and one of them now spends the other's login budget,
 * locking it out of signing in.
 */
import type { RouteClass } from '../../../labs/10-rate-limiting/src/contract.js';
import { limitKey as exact } from '../src/keys.js';

export const limitKey = (keyPrefix: string, routeClass: RouteClass, apiKey: string): string =>
  exact(keyPrefix, routeClass, routeClass === 'login' ? apiKey.toLowerCase() : apiKey);
