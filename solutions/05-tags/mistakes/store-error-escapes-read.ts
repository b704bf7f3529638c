/**
 * Mistake: a failed read is a miss, but a failed store fails the page
 * Replaces: catalog-pages.ts
 * Caught by: 05.16
 *
 * The GET is guarded: when it fails, Redis is taken for down, and the page is rendered
 * from Postgres and returned without touching the cache again. With Redis down, every
 * page still renders. But Redis can answer reads and refuse writes (a primary that a
 * failover demoted to a read-only replica, a server out of memory): the GET misses, the
 * page renders, and the unguarded store rejects the whole read. Every Redis call needs
 * the same answer: a failure costs the cache, never the page.
 */
import type { CatalogPages, CatalogPagesOptions, Product } from '../../../labs/05-tags/src/contract.js';
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
    let hit: string | null;
    try {
      hit = await redis.get(key);
    } catch (error) {
      // Redis is down: skip the cache for this read.
      console.warn(`[pages] could not read ${key}: ${String(error)}`);
      return (await render())?.html ?? null;
    }
    if (hit !== null) return hit;
    const fresh = await render();
    if (fresh === null) return null;
    await storeTagged(redis, keyPrefix, { key, ttlSeconds, ...fresh }); // Redis answered the GET, so it is up
    return fresh.html;
  }

  /** A listing or a search: one line per product, found again through each product's tag. */
  const listing = async (page: string, ttlSeconds: number, title: string, load: () => Promise<Product[]>, own: string[]) => {
    const html = await cached(page, ttlSeconds, async () => {
      const found = await load();
      return { html: renderListing(title, found), tags: [...own, ...found.map(({ id }) => productTag(id))] };
    });
    return html ?? '';
  };

  return {
    productPage: (id) =>
      cached(`product:${id}`, PAGE_TTL_SECONDS.product, async () => {
        const product = await selectProduct(db, id);
        return product && { html: renderProductPage(product), tags: [productTag(id), categoryTag(product.category)] };
      }),
    categoryPage: (name) => listing(`category:${name}`, PAGE_TTL_SECONDS.category, name, () => selectCategory(db, name), [categoryTag(name)]),
    searchPage: (term) => listing(`search:${term}`, PAGE_TTL_SECONDS.search, `Results for "${term}"`, () => searchProducts(db, term), []),
    updatePrice: (id, cents) => updatePrice(options, id, cents),
    invalidateTag: (tag) => invalidateTag(redis, keyPrefix, tag).then(() => undefined),
  };
}
