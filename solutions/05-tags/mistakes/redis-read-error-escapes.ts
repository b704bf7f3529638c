/**
 * Mistake: a Redis error on the page read or write fails the page
 * Replaces: catalog-pages.ts
 * Caught by: 05.16
 *
 * The tagging is all right: every page is listed under what it shows, and written with
 * its memberships in one step. But the cache-aside wrapper awaits Redis bare, so when
 * Redis is down or refuses a write, the error escapes and the shop cannot show a page
 * that Postgres could render in milliseconds. The cache is there to save work, not to
 * be a second point of failure: a failed GET is a miss, and a failed store is skipped.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import {
  PAGE_TTL_SECONDS,
  categoryTag,
  pageKey,
  productTag,
  renderListing,
  renderProductPage,
  searchProducts,
  selectCategory,
  selectProduct,
} from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';
import { storeTagged } from '../src/store-tagged.js';
import { updatePrice } from '../src/update-price.js';

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, db, keyPrefix } = options;

  async function cached(page: string, ttlSeconds: number, render: () => Promise<{ html: string; tags: string[] } | null>) {
    const key = pageKey(keyPrefix, page);
    const hit = await redis.get(key);
    if (hit !== null) return hit;
    const fresh = await render();
    if (fresh === null) return null;
    await storeTagged(redis, keyPrefix, { key, ttlSeconds, ...fresh });
    return fresh.html;
  }

  return {
    productPage: (id) =>
      cached(`product:${id}`, PAGE_TTL_SECONDS.product, async () => {
        const product = await selectProduct(db, id);
        return product && { html: renderProductPage(product), tags: [productTag(id), categoryTag(product.category)] };
      }),
    categoryPage: async (category) =>
      (await cached(`category:${category}`, PAGE_TTL_SECONDS.category, async () => {
        const rows = await selectCategory(db, category);
        return { html: renderListing(category, rows), tags: [categoryTag(category), ...rows.map((p) => productTag(p.id))] };
      })) ?? '',
    searchPage: async (term) =>
      (await cached(`search:${term}`, PAGE_TTL_SECONDS.search, async () => {
        const rows = await searchProducts(db, term);
        return { html: renderListing(`Results for "${term}"`, rows), tags: rows.map((p) => productTag(p.id)) };
      })) ?? '',
    updatePrice: (id, priceCents) => updatePrice(options, id, priceCents),
    invalidateTag: async (tag) => {
      await invalidateTag(redis, keyPrefix, tag);
    },
  };
}
