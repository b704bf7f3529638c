/**
 * Mistake: a DEL that Redis refuses is sent once more before updatePrice gives up
 * Replaces: update-price.ts
 * Caught by: 01.25
 *
 * Retrying the invalidation seems the careful thing: a DEL that does not happen leaves
 * the old price cached for the TTL. But a Redis refusing writes (OOM, READONLY on a
 * demoted primary) refuses the retry too, so each price change sends it twice the work
 * while it is in trouble. Log the failure and leave it to the TTL.
 */
import type { Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { updatePrice as deleteOnce } from '../src/update-price.js';

export function updatePrice(deps: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const { redis } = deps;
  const del = (key: string) => redis.del(key).catch(() => redis.del(key));
  const retrying = new Proxy(redis, { get: (target, name) => (name === 'del' ? del : Reflect.get(target, name, target)) });
  return deleteOnce({ ...deps, redis: retrying }, id, priceCents);
}
