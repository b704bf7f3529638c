/**
 * Mistake: each process remembers the memberships it wrote, and forgets them when it invalidates
 * Replaces: catalog-pages.ts
 * Caught by: 05.18
 *
 * A page is re-cached every few minutes with the same tags, so the process remembers
 * "this page is listed under that tag" and skips the SADD next time. It has learned the
 * obvious lesson, too: when it invalidates a tag it forgets that tag's memberships, so
 * its own re-cached pages are listed again. But the other processes invalidate tags
 * as well, and this one never hears of it: after process B's price change, process A
 * re-caches the page without listing it, and B's next price change cannot find it.
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
  tagKey,
} from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';
import { storeTagged } from '../src/store-tagged.js';
import { updatePrice } from '../src/update-price.js';

const listed = new Map<string, Set<string>>(); // tag set -> page keys this process listed in it

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, db, keyPrefix } = options;
  const forget = (tag: string) => listed.delete(tagKey(keyPrefix, tag));

  async function cached(page: string, ttlSeconds: number, render: () => Promise<{ html: string; tags: string[] } | null>) {
    const key = pageKey(keyPrefix, page);
    const hit = await redis.get(key).catch(() => null);
    if (hit !== null) return hit;
    const fresh = await render();
    if (fresh === null) return null;
    const unlisted = fresh.tags.filter((tag) => !listed.get(tagKey(keyPrefix, tag))?.has(key));
    await storeTagged(redis, keyPrefix, { key, html: fresh.html, ttlSeconds, tags: unlisted });
    for (const tag of unlisted) {
      const set = tagKey(keyPrefix, tag);
      if (!listed.has(set)) listed.set(set, new Set());
      listed.get(set)!.add(key);
    }
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
    updatePrice: async (id, priceCents) => {
      const product = await updatePrice(options, id, priceCents);
      forget(productTag(id));
      return product;
    },
    invalidateTag: async (tag) => {
      await invalidateTag(redis, keyPrefix, tag);
      forget(tag);
    },
  };
}
