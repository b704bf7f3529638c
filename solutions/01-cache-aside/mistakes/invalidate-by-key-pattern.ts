/**
 * Mistake: updatePrice deletes every key that begins with the product's key
 * Replaces: update-price.ts
 * Caught by: 01.20
 *
 * A pattern looks thorough: whatever else was cached for the product goes too. But
 * `product:1*` also matches products 10 to 19 (and 100 to 199): one price change evicts
 * a dozen products, each costing a read from Postgres, and KEYS walks the whole keyspace
 * while Redis serves nobody else.
 */
import type { Product } from '../../../labs/01-cache-aside/src/contract.js';
import { productKey } from '../src/keys.js';
import type { CacheDeps } from '../src/product-cache.js';
import { updatePrice as updateThenDelete } from '../src/update-price.js';

export async function updatePrice(deps: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateThenDelete(deps, id, priceCents);
  const related = await deps.redis.keys(`${productKey(deps.keyPrefix, id)}*`);
  if (related.length > 0) await deps.redis.del(...related);
  return product;
}
