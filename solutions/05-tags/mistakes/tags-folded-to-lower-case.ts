/**
 * Mistake: tag names are folded to lower case, when a page is stored and when a tag is invalidated
 * Replaces: catalog-pages.ts
 * Caught by: 05.6
 *
 * Folding the case of a tag looks like tidying: a caller who writes 'category:Kettles' still
 * reaches the kettles' pages, and since every page is listed under folded names and every
 * invalidation folds the same way, each tag still finds exactly its own pages in a shop
 * whose categories are all lower case. But Postgres compares categories as written:
 * 'Kettles' and 'kettles' are two categories with two listings, and folded they share one
 * set, so invalidating either removes the other's pages too. A tag names what the page
 * shows, exactly as the rows show it.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { cachedPage } from '../src/cached-page.js';
import { catalogPages } from '../src/catalog-pages.js';

const fold = (tag: string) => tag.toLowerCase();

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, keyPrefix } = options;
  const pages = catalogPages(options, (page, ttlSeconds, render) =>
    cachedPage(redis, keyPrefix, page, ttlSeconds, async () => {
      const fresh = await render();
      return fresh && { ...fresh, tags: fresh.tags.map(fold) };
    }),
  );
  return { ...pages, invalidateTag: (tag) => pages.invalidateTag(fold(tag)) };
}
