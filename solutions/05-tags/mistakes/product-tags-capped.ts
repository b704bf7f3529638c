/**
 * Mistake: a listing or a search is tagged with its first ten products only
 * Replaces: catalog-pages.ts
 * Caught by: 05.5
 *
 * Every page is tagged, the seed's listings show four products and most searches a handful,
 * so every price change of the small shop still reaches every page. The cap is there so
 * that a search showing fifty products does not write fifty sets on each miss. But a tag
 * is the only way a price change finds a page: the rows past the tenth are listed nowhere,
 * and when one of their prices changes the listing keeps the old one for its whole TTL. A
 * page is tagged with everything it shows; what it costs is one SADD per row.
 */
import type { CatalogPages, CatalogPagesOptions, Product } from '../../../labs/05-tags/src/contract.js';
import {
  PAGE_TTL_SECONDS,
  categoryTag,
  productTag,
  renderListing,
  searchProducts,
  selectCategory,
} from '../../../labs/05-tags/src/contract.js';
import { cachedPage } from '../src/cached-page.js';
import { createCatalogPages as createReal } from '../src/catalog-pages.js';

const MAX_PRODUCT_TAGS = 10;

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, db, keyPrefix } = options;
  const shown = (products: Product[]) => products.slice(0, MAX_PRODUCT_TAGS).map((p) => productTag(p.id));
  const categoryPage = async (category: string) => {
    const html = await cachedPage(redis, keyPrefix, `category:${category}`, PAGE_TTL_SECONDS.category, async () => {
      const products = await selectCategory(db, category);
      return { html: renderListing(category, products), tags: [categoryTag(category), ...shown(products)] };
    });
    return html ?? '';
  };
  const searchPage = async (term: string) => {
    const html = await cachedPage(redis, keyPrefix, `search:${term}`, PAGE_TTL_SECONDS.search, async () => {
      const products = await searchProducts(db, term);
      return { html: renderListing(`Results for "${term}"`, products), tags: shown(products) };
    });
    return html ?? '';
  };
  return { ...createReal(options), categoryPage, searchPage };
}
