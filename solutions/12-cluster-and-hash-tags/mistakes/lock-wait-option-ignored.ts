/**
 * Mistake: the shop ignores the lockWaitMs it is given and always waits LOCK_WAIT_MS
 * Replaces: shop-pages.ts
 * Caught by: 12.17
 *
 * The default is sensible and every miss still waits for a loader, then gives up. But a
 * service that asked for a longer wait (a render that takes two seconds) gets a second
 * render from every waiter after one, and one that asked for a shorter wait is held longer
 * than its own deadline allows.
 */
import type { ShopPages, ShopPagesOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { createShopPages as createWithOptions } from '../src/shop-pages.js';

export function createShopPages(options: ShopPagesOptions): ShopPages {
  return createWithOptions({ ...options, lockWaitMs: undefined });
}
