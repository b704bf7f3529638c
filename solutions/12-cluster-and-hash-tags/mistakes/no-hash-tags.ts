/**
 * Mistake: the key layout of lab 05, with no hash tag at all
 * Replaces: keys.ts
 * Caught by: 12.1, 12.2
 *
 * On one Redis these names are fine, and the MULTI that writes a page with its tag sets
 * and the script that removes a tag's pages are atomic. On a cluster each of those keys
 * hashes to a slot of its own: the MULTI and the script are refused (CROSSSLOT), so
 * nothing is cached and no invalidation runs.
 */
export { lockKeyOf } from '../src/keys.js';

export const productPageKey = (keyPrefix: string, category: string, id: number): string => `${keyPrefix}page:${category}:product:${id}`;
export const categoryPageKey = (keyPrefix: string, category: string): string => `${keyPrefix}page:${category}:listing`;
export const tagSetKey = (keyPrefix: string, category: string, tag: string): string => `${keyPrefix}tag:${category}:${tag}`;
