/**
 * Mistake: a search page is also listed under the categories of its rows
 * Replaces: catalog-pages.ts
 * Caught by: 05.15
 *
 * A product page is listed under its category, and a search shows products of several
 * categories, so listing the search under those too looks like the same rule applied
 * consistently, and every price change still reaches it through the product tags. But a
 * search does not show a category: it shows the rows its term matches. Invalidating
 * category:jugs (a category renamed, its listing rearranged) now also throws away every
 * search that happens to show a jug, and the shop pays for renders nothing called for.
 * A page is listed under what it shows, and nothing more.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { PAGE_TTL_SECONDS, categoryTag, productTag, renderListing, searchProducts } from '../../../labs/05-tags/src/contract.js';
import { cachedPage } from '../src/cached-page.js';
import { createCatalogPages as createReal } from '../src/catalog-pages.js';

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, db, keyPrefix } = options;
  const searchPage = async (term: string) => {
    const html = await cachedPage(redis, keyPrefix, `search:${term}`, PAGE_TTL_SECONDS.search, async () => {
      const products = await searchProducts(db, term);
      const categories = new Set(products.map((p) => categoryTag(p.category)));
      return {
        html: renderListing(`Results for "${term}"`, products),
        tags: [...products.map((p) => productTag(p.id)), ...categories],
      };
    });
    return html ?? '';
  };
  return { ...createReal(options), searchPage };
}
