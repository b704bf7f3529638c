/**
 * Mistake: no check reads the TTL of a cached product
 * Replaces: checks.ts
 * Caught by: 14.4 14.5
 *
 * Every value is right, hits are counted, updates are followed: the suite reads like a
 * thorough one. But a TTL is not a value; nothing a read returns shows whether the key
 * will ever expire, so a cache that keeps products for ever passes it.
 */
import { checks as reference, productTtl } from '../src/checks.js';

export const checks = reference.filter((c) => c !== productTtl);
