/**
 * Mistake: a call of invalidateTag joins one of the same tag already in flight
 * Replaces: catalog-pages.ts
 * Caught by: 05.9
 *
 * Two requests that invalidate one tag at once send one script, not two, and both resolve
 * once the pages are gone: the script is the solution's, whole, and a page cached while it
 * runs is listed for the next one. But "in flight" lasts until the reply arrives, and the
 * script may already have run: a page cached after it and before the reply is listed under
 * the tag, and the second call, which started after that page was cached, resolves without
 * removing it. A caller asks for the tag's pages as they are when it calls; every call
 * needs an invalidation that runs after it began.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { createCatalogPages as createReal } from '../src/catalog-pages.js';

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const pages = createReal(options);
  const running = new Map<string, Promise<void>>();
  const invalidateTag = (tag: string) => {
    let shared = running.get(tag);
    if (!shared) {
      shared = pages.invalidateTag(tag).finally(() => running.delete(tag));
      running.set(tag, shared);
    }
    return shared;
  };
  return { ...pages, invalidateTag };
}
