/**
 * Mistake: a category's product pages share one loader lock
 * Replaces: keys.ts
 * Caught by: 12.10
 *
 * The listing keeps a lock of its own, so the check that a listing does not wait for a
 * product page passes, and one lock for "the products of aisle-j" means fewer keys. But
 * a miss of product 120 then waits for product 119's render, and during a sale every
 * product page of a busy category is rendered one after the other, each waiting lockWaitMs.
 */
import { lockKeyOf as ownLockKeyOf } from '../src/keys.js';

export { categoryPageKey, productPageKey, tagSetKey } from '../src/keys.js';

export function lockKeyOf(pageKey: string): string {
  return ownLockKeyOf(pageKey.replace(/:product:\d+$/, ':products'));
}
