/**
 * Mistake: one loader lock per category instead of one per page
 * Replaces: keys.ts
 * Caught by: 12.10
 *
 * The lock key carries the category's hash tag like everything else, and twenty misses of
 * one page still render it once. But every page of the category now shares the lock: a
 * miss of the listing waits for a product page being rendered, and one slow render holds
 * up the whole category for as long as lockWaitMs.
 */
export * from '../src/keys.js';

export function lockKeyOf(pageKey: string): string {
  // Everything up to the end of the hash tag: the same key for every page of the category.
  return `${pageKey.slice(0, pageKey.indexOf('}') + 1)}:lock`;
}
