/**
 * Mistake: the tag sets share one hash tag, the pages keep their own slots
 * Replaces: keys.ts
 * Caught by: 12.1, 12.2
 *
 * Putting every tag set under {tags} lets a script touch several sets at once, which looks
 * like the fix for CROSSSLOT. But a page is written in the same MULTI as its memberships,
 * and the page hashes elsewhere: the cluster client refuses the block, the page is never
 * cached, and every read renders from Postgres. The pages must share their sets' slot,
 * not the sets each other's.
 */
export { categoryPageKey, lockKeyOf, productPageKey } from '../src/keys.js';

export const tagSetKey = (keyPrefix: string, category: string, tag: string): string => `${keyPrefix}{tags}:${category}:${tag}`;
