/**
 * Mistake: the search term is trimmed for the query only; the key and the title keep it as given
 * Replaces: catalog-pages.ts
 * Caught by: 05.6
 *
 * The page for " grinder" is its own page, titled as asked, so it looks as if the term
 * were used as given. But the query ran for "grinder": the page lists products whose names
 * have no blank before the word, which the search did not ask for.
 */
import { PAGE_TTL_SECONDS, productTag, renderListing, searchProducts, type CatalogPages, type CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { cachedPage } from '../src/cached-page.js';
import { createCatalogPages as createReal } from '../src/catalog-pages.js';

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, db, keyPrefix } = options;
  const searchPage = async (term: string) =>
    (await cachedPage(redis, keyPrefix, `search:${term}`, PAGE_TTL_SECONDS.search, async () => {
      const products = await searchProducts(db, term.trim()); // stray blanks are the user's, not the search's
      return { html: renderListing(`Results for "${term}"`, products), tags: products.map((product) => productTag(product.id)) };
    })) ?? '';
  return { ...createReal(options), searchPage };
}
