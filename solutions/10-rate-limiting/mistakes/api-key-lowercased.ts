/**
 * Mistake: API keys are lowercased before they name a budget
 * Replaces: keys.ts
 * Caught by: 10.3
 *
 * Normalising an identifier before using it as a key is a habit from e-mail addresses
 * and usernames, and every test with one lowercase key still passes. But an API key is
 * an opaque secret compared as given: "Acme" and "acme" are two callers, and folding them
 * together lets one of them spend the other's budget.
 */
import { limitKey as realLimitKey } from '../src/keys.js';

export const limitKey: typeof realLimitKey = (keyPrefix, routeClass, apiKey) =>
  realLimitKey(keyPrefix, routeClass, apiKey.toLowerCase());
