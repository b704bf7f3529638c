/**
 * Mistake: a write also deletes every cached key that begins with its product's key
 * Replaces: invalidate-on-write.ts
 * Caught by: 03.19
 *
 * A pattern looks thorough: whatever else the product left in Redis (a variant, a
 * rendered copy) goes too. But a pattern for product 1 also matches products 10 to 19: a write to
 * one product evicts eleven, and each costs a read from Postgres. KEYS walks the whole
 * keyspace besides, blocking Redis while it does. An invalidation removes exactly its keys.
 */
import type { Catalog, CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { createInvalidatingCatalog as createExact } from '../src/invalidate-on-write.js';

export function createInvalidatingCatalog(options: CatalogOptions): Catalog {
  const exact = createExact(options);
  return {
    ...exact,
    async updatePrice(id, priceCents) {
      const product = await exact.updatePrice(id, priceCents);
      // Meant as "product 1's keys, whatever they are"; also matches product:{10} to product:{19}.
      const related = await options.redis.keys(`${options.keyPrefix}product:{${id}*`);
      if (related.length > 0) await options.redis.del(...related);
      return product;
    },
  };
}
