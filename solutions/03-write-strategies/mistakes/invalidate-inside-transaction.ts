/**
 * Mistake: the cache is invalidated inside the transaction, before its COMMIT
 * Replaces: invalidate-on-write.ts
 * Caught by: 03.3
 *
 * "Do the UPDATE and the invalidation together, in one transaction, so that if Redis
 * fails the write rolls back" sounds tidy, and the DEL does come after the UPDATE. But
 * the UPDATE is not visible to anyone until COMMIT: between the invalidation and the
 * commit, every other reader still sees the old row, misses the emptied cache, loads the
 * old row and caches it, and the fence it read has already moved. After the commit
 * nothing removes it. Invalidate after the commit, outside the transaction.
 */
import { updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { invalidate } from '../src/fence.js';
import { productKeys } from '../src/keys.js';
import { createInvalidatingCatalog as createRealCatalog } from '../src/invalidate-on-write.js';

export function createInvalidatingCatalog(options: CatalogOptions): Catalog {
  const { redis, db, keyPrefix } = options;
  return {
    ...createRealCatalog(options),
    async updatePrice(id, priceCents) {
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        const product = await updateProductPrice(client, id, priceCents);
        if (product !== null) await invalidate(redis, productKeys(keyPrefix, id));
        await client.query('COMMIT');
        return product;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
