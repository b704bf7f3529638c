/**
 * Mistake: a failed invalidation rejects updatePrice after the price has changed
 * Replaces: shop-pages.ts
 * Caught by: 12.15
 *
 * Letting the Redis error through looks honest: the caller learns that something failed.
 * But the UPDATE has committed, so the caller now believes the price did not change, and
 * may retry or report an error for a change that is live.
 */
import {
  productTag,
  updateProductPrice,
  type ShopPages,
  type ShopPagesOptions,
} from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { invalidateTagSet } from '../src/invalidate-tag.js';
import { tagSetKey } from '../src/keys.js';
import { createShopPages as createRight } from '../src/shop-pages.js';

export function createShopPages(options: ShopPagesOptions): ShopPages {
  return {
    ...createRight(options),
    updatePrice: async (id, priceCents) => {
      const product = await updateProductPrice(options.db, id, priceCents);
      if (product) await invalidateTagSet(options.redis, tagSetKey(options.keyPrefix, product.category, productTag(id)));
      return product;
    },
  };
}
