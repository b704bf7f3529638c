/**
 * Mistake: one budget per route class, shared by every caller
 * Replaces: keys.ts
 * Caught by: 10.3
 *
 * The key names the class and the window works, so one client in a test sees exactly the
 * right numbers. But the API key is missing from it: every client shares one budget, and
 * the first noisy client to spend it locks out all the others.
 */
import type { limitKey as LimitKey } from '../src/keys.js';

export const limitKey: typeof LimitKey = (keyPrefix, routeClass) => `${keyPrefix}rl:${routeClass}`;
