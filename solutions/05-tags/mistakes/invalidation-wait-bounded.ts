/**
 * Mistake: updatePrice waits for the invalidation 250 ms at most, then resolves anyway
 * Replaces: update-price.ts
 * Caught by: 05.17
 *
 * A committed price change should not hang on a slow cache, so the wait for Redis is
 * bounded and a late invalidation is logged and left to finish on its own. On a healthy
 * Redis the script answers in a millisecond and nothing changes; with Redis down it fails
 * at once and is logged. But with a Redis that is merely slow, updatePrice resolves while
 * the pages are still there: the caller, told "saved", reads the old price from another
 * process. The README's promise is "resolves once the pages are gone"; a failure is
 * passed over, a slow answer is waited for.
 */
import { productTag, updateProductPrice, type CatalogPagesOptions, type Product } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(shop.db, id, priceCents);
  if (product === null) return null;
  const done = invalidateTag(shop.redis, shop.keyPrefix, productTag(id)).then(
    () => 'done' as const,
    (error: unknown) => console.warn(`[pages] could not invalidate ${productTag(id)}: ${String(error)}`),
  );
  const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 250).unref());
  if ((await Promise.race([done, late])) === 'late') console.warn(`[pages] invalidating ${productTag(id)} is taking long; not waiting`);
  return product;
}
