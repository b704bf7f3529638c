import type {
  CatalogPages,
  CatalogPagesOptions,
  Product,
} from '../../../labs/05-tags/src/contract.js';
import {
  PAGE_TTL_SECONDS,
  categoryTag,
  productTag,
  renderListing,
  renderProductPage,
  searchProducts,
  selectCategory,
  selectProduct,
} from '../../../labs/05-tags/src/contract.js';
import { cachedPage, type Rendered } from './cached-page.js';
import { invalidateTag } from './invalidate-tag.js';
import { updatePrice } from './update-price.js';

/** Answers one page from the cache, or renders it and caches it with its tags. */
export type CachePage = (
  page: string,
  ttlSeconds: number,
  render: () => Promise<Rendered | null>,
) => Promise<string | null>;

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, keyPrefix } = options;
  return catalogPages(options, (page, ttlSeconds, render) =>
    cachedPage(redis, keyPrefix, page, ttlSeconds, render),
  );
}

/**
 * What each page shows and is tagged with, apart from how one page is cached: the tags
 * are the lesson, and they stay the same whatever stores them.
 */
export function catalogPages(options: CatalogPagesOptions, cached: CachePage): CatalogPages {
  const { redis, db, keyPrefix } = options;

  // #region page-tags
  // A page is tagged with everything it shows, not with what its key names: the key of a
  // search page names a term, yet a price change must still reach it through each product.
  const shown = (products: Product[]) => products.map((product) => productTag(product.id));

  const productPage = (id: number) =>
    cached(`product:${id}`, PAGE_TTL_SECONDS.product, async () => {
      const product = await selectProduct(db, id);
      if (product === null) return null;
      return {
        html: renderProductPage(product),
        tags: [productTag(id), categoryTag(product.category)],
      };
    });

  const categoryPage = async (category: string) => {
    const html = await cached(`category:${category}`, PAGE_TTL_SECONDS.category, async () => {
      const products = await selectCategory(db, category);
      return {
        html: renderListing(category, products),
        tags: [categoryTag(category), ...shown(products)],
      };
    });
    return html ?? '';
  };

  const searchPage = async (term: string) => {
    // No tag can find a search that *should now* list a product it did not: new or renamed
    // products reach searches only through their short TTL.
    const html = await cached(`search:${term}`, PAGE_TTL_SECONDS.search, async () => {
      const products = await searchProducts(db, term);
      return { html: renderListing(`Results for "${term}"`, products), tags: shown(products) };
    });
    return html ?? '';
  };
  // #endregion page-tags

  return {
    productPage,
    categoryPage,
    searchPage,
    updatePrice: (id, priceCents) => updatePrice(options, id, priceCents),
    invalidateTag: async (tag) => {
      await invalidateTag(redis, keyPrefix, tag);
    },
  };
}
