// Lab 05: the shop's pages, rendered from Postgres and cached in Redis. The interface
// lives in contract.ts; `npm test labs/05-tags` says which checks still fail.
import { invalidateTag } from './invalidate-tag.js';
import { storeTagged } from './store-tagged.js';
import { updatePrice } from './update-price.js';
import {
  PAGE_TTL_SECONDS,
  pageKey,
  renderListing,
  renderProductPage,
  searchProducts,
  selectCategory,
  selectProduct,
  type CatalogPages,
  type CatalogPagesOptions,
} from './contract.js';

/** A freshly rendered page and the tags it must be listed under. */
interface Rendered {
  html: string;
  tags: string[];
}

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, db, keyPrefix } = options;
  async function cached(page: string, ttlSeconds: number, render: () => Promise<Rendered | null>) {
    const key = pageKey(keyPrefix, page);
    const hit = await redis.get(key);
    if (hit !== null) return hit;
    const fresh = await render();
    if (fresh === null) return null;
    await storeTagged(redis, keyPrefix, { key, html: fresh.html, ttlSeconds, tags: fresh.tags });
    return fresh.html;
  }

  return {
    productPage: (id) =>
      cached(`product:${id}`, PAGE_TTL_SECONDS.product, async () => {
        const product = await selectProduct(db, id);
        // TODO(05): this page shows one product and names its category. Which tags does it need?
        return product && { html: renderProductPage(product), tags: [] };
      }),

    categoryPage: async (category) =>
      (await cached(`category:${category}`, PAGE_TTL_SECONDS.category, async () => {
        const products = await selectCategory(db, category);
        // TODO(05): a price change to any product listed here changes this page too.
        return { html: renderListing(category, products), tags: [] };
      }))!,

    searchPage: async (term) =>
      (await cached(`search:${term}`, PAGE_TTL_SECONDS.search, async () => {
        const products = await searchProducts(db, term);
        // TODO(05): the key names a search term, not a product. How will a price change find this page?
        return { html: renderListing(`Results for "${term}"`, products), tags: [] };
      }))!,

    updatePrice: (id, priceCents) => updatePrice(options, id, priceCents),
    invalidateTag: async (tag) => {
      await invalidateTag(redis, keyPrefix, tag);
    },
  };
}
