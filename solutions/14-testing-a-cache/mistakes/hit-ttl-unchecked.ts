/**
 * Mistake: the TTL is checked after the miss only, never after a hit
 * Replaces: checks.ts
 * Caught by: 14.7
 *
 * Right after the first read the TTL is a full hour whether or not hits renew it. A
 * sliding expiry shows only when the key is older than the hit, which a check arranges by
 * shortening the TTL itself rather than by waiting.
 */
import { checks as reference, hitKeepsTtl } from '../src/checks.js';

export const checks = reference.filter((c) => c !== hitKeepsTtl);
