/**
 * Mistake: a listing tagged with the categories of its rows, not the category asked for
 * Replaces: catalog-pages.ts
 * Caught by: 05.2
 *
 * Every row of a category listing has that category, so tagging the listing with each
 * row's category and product looks like the same set of tags, found from the data the
 * page shows. Until the category has no rows: its listing is cached with no tag at all,
 * and invalidating the category (a product moved or added to it) never reaches the empty
 * page, which says "no products" until its TTL runs out. A listing shows its category
 * whatever rows it has: take the tag from the page asked for.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { PAGE_TTL_SECONDS, categoryTag, productTag, renderListing, selectCategory } from '../../../labs/05-tags/src/contract.js';
import { cachedPage } from '../src/cached-page.js';
import { createCatalogPages as createReal } from '../src/catalog-pages.js';

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, db, keyPrefix } = options;
  const categoryPage = async (category: string) => {
    const html = await cachedPage(redis, keyPrefix, `category:${category}`, PAGE_TTL_SECONDS.category, async () => {
      const products = await selectCategory(db, category);
      const tags = products.flatMap((product) => [categoryTag(product.category), productTag(product.id)]);
      return { html: renderListing(category, products), tags };
    });
    return html ?? '';
  };
  return { ...createReal(options), categoryPage };
}
