/**
 * Mistake: no check looks at the products an update did not touch
 * Replaces: checks.ts
 * Caught by: 14.16
 *
 * Clearing everything on every write is never stale, so every freshness check passes.
 * It is a cache flush per price change; only counting the queries for another product
 * shows it.
 */
import { checks as reference, updateOnlyThatProduct } from '../src/checks.js';

export const checks = reference.filter((c) => c !== updateOnlyThatProduct);
