/**
 * Mistake: a stalled Redis is tried on reads only
 * Replaces: checks.ts
 * Caught by: 14.13
 *
 * The read path is where timeouts are usually written and tested. updatePrice talks to
 * Redis too, after its commit; without a bound there, every price change hangs while
 * Redis does, and no read-only check notices.
 */
import { checks as reference, stalledUpdate } from '../src/checks.js';

export const checks = reference.filter((c) => c !== stalledUpdate);
