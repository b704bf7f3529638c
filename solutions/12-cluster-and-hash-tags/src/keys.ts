// #region key-layout
/**
 * Every key of a category's pages carries the category as its hash tag: only the text in
 * the first {...} is hashed, so a category's pages, its tag sets and their locks share one
 * slot, and one script or MULTI may touch all of them. Pages show products of one
 * category only, so no step ever needs keys of two categories, and the shop's twenty
 * categories spread over slots, hence over all three primaries.
 */
function section(keyPrefix: string, category: string): string {
  return `${keyPrefix}{shop:${category}}:`;
}

export function productPageKey(keyPrefix: string, category: string, id: number): string {
  return `${section(keyPrefix, category)}page:product:${id}`;
}

export function categoryPageKey(keyPrefix: string, category: string): string {
  return `${section(keyPrefix, category)}page:listing`;
}

/** The set of the page keys that show `tag` (product:<id> or category:<name>) in a category. */
export function tagSetKey(keyPrefix: string, category: string, tag: string): string {
  return `${section(keyPrefix, category)}tag:${tag}`;
}

/** A page's loader lock: the page's key with a suffix after the braces, so the same slot. */
export function lockKeyOf(pageKey: string): string {
  return `${pageKey}:lock`;
}
// #endregion key-layout
