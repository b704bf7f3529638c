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
import type { limitKey as LimitKey } from '../src/keys.js';

export const limitKey: typeof LimitKey = (keyPrefix, _routeClass, apiKey) => `${keyPrefix}rl:${apiKey}`;
