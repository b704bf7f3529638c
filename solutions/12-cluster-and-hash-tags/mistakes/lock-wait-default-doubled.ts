/**
 * Mistake: a miss with no lockWaitMs waits twice LOCK_WAIT_MS, "renders are slow on a cluster"
 * Replaces: shop-pages.ts
 * Caught by: 12.17
 *
 * The option still works when given; only the default moved. But the README's default is
 * what every caller who did not think about it gets: behind a loader that hung, each of
 * their misses now holds a request for two seconds instead of one before it renders.
 */
import { LOCK_WAIT_MS, type ShopPages, type ShopPagesOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { createShopPages as createWithOptions } from '../src/shop-pages.js';

export function createShopPages(options: ShopPagesOptions): ShopPages {
  return createWithOptions({ ...options, lockWaitMs: options.lockWaitMs ?? 2 * LOCK_WAIT_MS });
}
