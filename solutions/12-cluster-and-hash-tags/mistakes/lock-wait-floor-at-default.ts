/**
 * Mistake: lockWaitMs is never shorter than LOCK_WAIT_MS, "a shorter wait only adds renders"
 * Replaces: shop-pages.ts
 * Caught by: 12.17
 *
 * Waiting longer does save renders. But a caller that gives 500 ms has a deadline of its
 * own: behind a loader that hung, its misses are held a whole second, past the point where
 * the request it serves has already timed out.
 */
import { LOCK_WAIT_MS, type ShopPages, type ShopPagesOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { createShopPages as createWithOptions } from '../src/shop-pages.js';

export function createShopPages(options: ShopPagesOptions): ShopPages {
  return createWithOptions({ ...options, lockWaitMs: Math.max(options.lockWaitMs ?? 0, LOCK_WAIT_MS) });
}
