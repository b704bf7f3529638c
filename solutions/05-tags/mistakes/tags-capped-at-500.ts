/**
 * Mistake: every page is tagged with its first 500 tags at most
 * Replaces: catalog-pages.ts
 * Caught by: 05.11
 *
 * The cap is far above anything the seed shows, above the 50 rows a search can show, and
 * above a listing of a few hundred products, so every page a small shop caches keeps all
 * of its tags. It is meant to keep the MULTI of a huge listing bounded. But a category of
 * 1,200 products is then listed under 500 of them: the page is cached and listed nowhere
 * for the other 700, and a price change of one of those leaves the listing at the old
 * price for its whole TTL. A tag is the only way an invalidation finds a page, so a page
 * is tagged with everything it shows, however many rows that is.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { cachedPage } from '../src/cached-page.js';
import { catalogPages } from '../src/catalog-pages.js';

const MAX_TAGS = 500;

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, keyPrefix } = options;
  return catalogPages(options, (page, ttlSeconds, render) =>
    cachedPage(redis, keyPrefix, page, ttlSeconds, async () => {
      const fresh = await render();
      return fresh && { ...fresh, tags: fresh.tags.slice(0, MAX_TAGS) };
    }),
  );
}
