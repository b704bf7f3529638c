/**
 * Mistake: a product page is listed under its category folded to lower case
 * Replaces: catalog-pages.ts
 * Caught by: 05.6
 *
 * The listings' tags are built from the category as asked, and the product page's from
 * the row, "normalised" on the way. In a shop whose categories are all lower case nothing
 * shows; with a 'Kettles' category, invalidating it leaves its products' pages stale, and
 * invalidating 'kettles' removes pages that were never in it.
 */
import { categoryTag, type CatalogPages, type CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { cachedPage } from '../src/cached-page.js';
import { catalogPages } from '../src/catalog-pages.js';

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, keyPrefix } = options;
  const categoryPrefix = categoryTag('');
  return catalogPages(options, (page, ttlSeconds, render) =>
    cachedPage(redis, keyPrefix, page, ttlSeconds, async () => {
      const fresh = await render();
      if (!fresh || !page.startsWith('product:')) return fresh;
      return { ...fresh, tags: fresh.tags.map((tag) => (tag.startsWith(categoryPrefix) ? tag.toLowerCase() : tag)) };
    }),
  );
}
