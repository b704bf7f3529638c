// Lab 12: the shop's pages of lab 05, with the loader lock of lab 04, on a Redis Cluster.
import * as shop from './contract.js';
import type { ShopPages, ShopPagesOptions } from './contract.js';
import { invalidateTag } from './invalidate-tag.js';
import { categoryPageKey, lockKeyOf, productPageKey, tagSetKey } from './keys.js';
import { acquireLock, releaseLock } from './lock.js';
import { storeTagged } from './store-tagged.js';

export function createShopPages(options: ShopPagesOptions): ShopPages {
  const { redis, db, keyPrefix } = options;
  const lockOptions = { ttlMs: options.lockTtlMs ?? shop.LOCK_TTL_MS, waitMs: options.lockWaitMs ?? shop.LOCK_WAIT_MS };

  /** Reads a page from Redis, or renders it under the page's lock and caches it with its tags. */
  async function page(key: string, ttlSeconds: number, category: string, render: () => Promise<{ html: string; tags: string[] } | null>) {
    // TODO(12): a failed read, or a failed lock, is swallowed without a word: nobody learns
    //           that the cache has stopped working.
    const cached = await redis.get(key).catch(() => null);
    if (cached !== null) return cached;
    const lock = await acquireLock(redis, lockKeyOf(key), lockOptions).catch(() => null);
    try {
      const again = lock ? await redis.get(key).catch(() => null) : null;
      if (again !== null) return again;
      const rendered = await render();
      if (rendered === null) return null;
      const sets = rendered.tags.map((tag) => tagSetKey(keyPrefix, category, tag));
      await storeTagged(redis, key, rendered.html, ttlSeconds, sets).catch((error: unknown) => console.warn(`[shop] ${String(error)}`));
      return rendered.html;
    } finally {
      if (lock) await releaseLock(redis, lock).catch((error: unknown) => console.warn(`[shop] ${String(error)}`));
    }
  }

  return {
    productPage: (category, id) =>
      page(productPageKey(keyPrefix, category, id), shop.PAGE_TTL_SECONDS.product, category, async () => {
        const product = await shop.selectProduct(db, category, id);
        return product && { html: shop.renderProductPage(product), tags: [shop.productTag(id), shop.categoryTag(category)] };
      }),
    categoryPage: async (category) =>
      (await page(categoryPageKey(keyPrefix, category), shop.PAGE_TTL_SECONDS.category, category, async () => {
        const products = await shop.selectCategory(db, category);
        return { html: shop.renderListing(category, products), tags: [shop.categoryTag(category), ...products.map((p) => shop.productTag(p.id))] };
      })) ?? '',
    updatePrice: async (id, priceCents) => {
      const product = await shop.updateProductPrice(db, id, priceCents);
      if (product === null) return null;
      await invalidateTag(redis, keyPrefix, product.category, tagSetKey(keyPrefix, product.category, shop.productTag(id))).catch(
        (error: unknown) => console.warn(`[shop] ${String(error)}`),
      );
      return product;
    },
    invalidateTag: (category, tag) => invalidateTag(redis, keyPrefix, category, tagSetKey(keyPrefix, category, tag)),
  };
}
