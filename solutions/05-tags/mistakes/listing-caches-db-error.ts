/**
 * Mistake: a listing or a search whose query fails renders, and caches, no rows
 * Replaces: catalog-pages.ts
 * Caught by: 05.20
 *
 * The product page still rejects when Postgres fails, since null there would mean "no such
 * product". A listing has no such ambiguity, the reasoning goes: an empty listing is a
 * valid page, better than an error, and the failure is logged. But the empty page goes
 * through the cache like any other: for five minutes (a search for one) after Postgres is
 * back, every visitor is told the category has no products, and no tag can remove it,
 * since it lists none. A database error is the caller's to hear, and nothing is cached.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
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

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, db, keyPrefix } = options;
  const orNone = (what: string) => (error: unknown) => {
    console.warn(`[pages] could not load ${what}: ${String(error)}`);
    return [];
  };
  const categoryPage = async (category: string) => {
    const html = await cachedPage(redis, keyPrefix, `category:${category}`, PAGE_TTL_SECONDS.category, async () => {
      const products = await selectCategory(db, category).catch(orNone(`category ${category}`));
      return { html: renderListing(category, products), tags: [categoryTag(category), ...products.map((p) => productTag(p.id))] };
    });
    return html ?? '';
  };
  const searchPage = async (term: string) => {
    const html = await cachedPage(redis, keyPrefix, `search:${term}`, PAGE_TTL_SECONDS.search, async () => {
      const products = await searchProducts(db, term).catch(orNone(`search ${term}`));
      return { html: renderListing(`Results for "${term}"`, products), tags: products.map((p) => productTag(p.id)) };
    });
    return html ?? '';
  };
  return { ...createReal(options), categoryPage, searchPage };
}
