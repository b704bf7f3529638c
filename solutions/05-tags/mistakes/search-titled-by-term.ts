/**
 * Mistake: a search page titled with the bare term
 * Replaces: catalog-pages.ts
 * Caught by: 05.1
 *
 * The listing template takes a title, and for a category that is the category's name,
 * so the search passes its term the same way. The page renders, lists the right products
 * and is cached and tagged correctly, but it is not the page the README describes: a
 * search for "kettles" now reads like the kettles category, and the shop's templates,
 * links and tests that look for "Results for ..." no longer find it.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { PAGE_TTL_SECONDS, productTag, renderListing, searchProducts } from '../../../labs/05-tags/src/contract.js';
import { cachedPage } from '../src/cached-page.js';
import { createCatalogPages as createReal } from '../src/catalog-pages.js';

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, db, keyPrefix } = options;
  const searchPage = async (term: string) => {
    const html = await cachedPage(redis, keyPrefix, `search:${term}`, PAGE_TTL_SECONDS.search, async () => {
      const products = await searchProducts(db, term);
      return { html: renderListing(term, products), tags: products.map((p) => productTag(p.id)) };
    });
    return html ?? '';
  };
  return { ...createReal(options), searchPage };
}
