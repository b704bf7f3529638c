/**
 * Mistake: a listing's and a search's page key are folded to lower case
 * Replaces: catalog-pages.ts
 * Caught by: 05.6
 *
 * URLs are case-insensitive in many a shop, and a folded key lets 'Kettles' and 'kettles'
 * share one cached page: fewer renders. But Postgres holds them as two categories with two
 * listings, and a search is titled with the term as asked: whichever was cached first is
 * served for both, with the other's products or the other's title.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { cachedPage } from '../src/cached-page.js';
import { catalogPages } from '../src/catalog-pages.js';

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, keyPrefix } = options;
  const folded = (page: string) => (page.startsWith('product:') ? page : page.toLowerCase());
  return catalogPages(options, (page, ttlSeconds, render) => cachedPage(redis, keyPrefix, folded(page), ttlSeconds, render));
}
