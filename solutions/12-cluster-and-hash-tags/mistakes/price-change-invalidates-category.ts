/**
 * Mistake: a price change invalidates the product's whole category
 * Replaces: shop-pages.ts
 * Caught by: 12.3
 *
 * The category's tag set is in the same slot, so removing it too is one more cheap
 * script, and every page that shows the price is surely gone. So is every other product
 * page of the category, which did not change: each price change turns into a burst of
 * renders (over-invalidation).
 */
import { categoryTag, type ShopPages, type ShopPagesOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { invalidateTagSet } from '../src/invalidate-tag.js';
import { tagSetKey } from '../src/keys.js';
import { createShopPages as createRight } from '../src/shop-pages.js';

export function createShopPages(options: ShopPagesOptions): ShopPages {
  const right = createRight(options);
  return {
    ...right,
    updatePrice: async (id, priceCents) => {
      const product = await right.updatePrice(id, priceCents);
      if (product) await invalidateTagSet(options.redis, tagSetKey(options.keyPrefix, product.category, categoryTag(product.category)));
      return product;
    },
  };
}
