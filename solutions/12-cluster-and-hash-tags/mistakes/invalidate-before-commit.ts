/**
 * Mistake: the product's pages are invalidated before the UPDATE
 * Replaces: shop-pages.ts
 * Caught by: 12.14
 *
 * Invalidating first reads naturally ("clear the cache, then write"), and a quiet test
 * sees the new price afterwards. A reader that misses while the UPDATE is still running
 * renders the old row from Postgres and caches it again, and nothing removes it.
 */
import {
  productTag,
  type ShopPages,
  type ShopPagesOptions,
} from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { invalidateTagSet } from '../src/invalidate-tag.js';
import { tagSetKey } from '../src/keys.js';
import { createShopPages as createRight } from '../src/shop-pages.js';

export function createShopPages(options: ShopPagesOptions): ShopPages {
  const right = createRight(options);
  return {
    ...right,
    updatePrice: async (id, priceCents) => {
      const [row] = (await options.db.query<{ category: string }>('SELECT category FROM products WHERE id = $1', [id])).rows;
      if (row) await invalidateTagSet(options.redis, tagSetKey(options.keyPrefix, row.category, productTag(id)));
      const { rows } = await options.db.query(
        'UPDATE products SET price_cents = $2, updated_at = now() WHERE id = $1 RETURNING id, sku, name, category, price_cents AS "priceCents"',
        [id, priceCents],
      );
      return rows[0] ?? null;
    },
  };
}
