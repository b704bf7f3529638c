import {
  LOCK_TTL_MS,
  LOCK_WAIT_MS,
  PAGE_TTL_SECONDS,
  categoryTag,
  productTag,
  renderListing,
  renderProductPage,
  selectCategory,
  selectProduct,
  updateProductPrice,
  type ShopPages,
  type ShopPagesOptions,
} from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { cachedPage } from './cached-page.js';
import { invalidateTagSet } from './invalidate-tag.js';
import { categoryPageKey, productPageKey, tagSetKey } from './keys.js';

export function createShopPages(options: ShopPagesOptions): ShopPages {
  const { redis, db, keyPrefix } = options;
  const lockTtlMs = options.lockTtlMs ?? LOCK_TTL_MS;
  const lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_MS;
  const tagSets = (category: string, tags: string[]) => tags.map((tag) => tagSetKey(keyPrefix, category, tag));

  const productPage = (category: string, id: number) =>
    cachedPage(redis, {
      key: productPageKey(keyPrefix, category, id),
      ttlSeconds: PAGE_TTL_SECONDS.product,
      lockTtlMs,
      lockWaitMs,
      render: async () => {
        const product = await selectProduct(db, category, id);
        if (product === null) return null;
        return { html: renderProductPage(product), tagSets: tagSets(category, [productTag(id), categoryTag(category)]) };
      },
    });

  const categoryPage = async (category: string) =>
    (await cachedPage(redis, {
      key: categoryPageKey(keyPrefix, category),
      ttlSeconds: PAGE_TTL_SECONDS.category,
      lockTtlMs,
      lockWaitMs,
      render: async () => {
        const products = await selectCategory(db, category);
        const tags = [categoryTag(category), ...products.map((product) => productTag(product.id))];
        return { html: renderListing(category, products), tagSets: tagSets(category, tags) };
      },
    })) ?? '';

  // #region update-price
  const updatePrice = async (id: number, priceCents: number) => {
    const product = await updateProductPrice(db, id, priceCents);
    if (product === null) return null;
    // The row names the category, hence the slot where every page showing the product lives.
    await invalidateTagSet(redis, tagSetKey(keyPrefix, product.category, productTag(id))).catch((error: unknown) =>
      console.warn(`[shop] could not invalidate ${productTag(id)}: ${String(error)}`),
    );
    return product;
  };
  // #endregion update-price

  return {
    productPage,
    categoryPage,
    updatePrice,
    invalidateTag: (category, tag) => invalidateTagSet(redis, tagSetKey(keyPrefix, category, tag)),
  };
}
