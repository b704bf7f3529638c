/**
 * Mistake: write-through updates Redis inside the transaction, before its COMMIT
 * Replaces: write-through.ts
 * Caught by: 03.7, 03.16
 *
 * The cache is written from the row the UPDATE returned, so it looks like "database
 * first". But inside a transaction the UPDATE is not the commit: Redis shows the new
 * price while Postgres may still roll it back (a failed COMMIT, a serialisation error, a
 * crash), and then every reader sees a price that was never stored, for an hour. Write
 * the cache only after COMMIT has returned.
 */
import { updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { readFence, writeThrough } from '../src/fence.js';
import { productKeys } from '../src/keys.js';
import { createWriteThroughCatalog as createRealCatalog } from '../src/write-through.js';

export function createWriteThroughCatalog(options: CatalogOptions): Catalog {
  return {
    ...createRealCatalog(options),
    async updatePrice(id, priceCents) {
      const { redis, db, keyPrefix } = options;
      const keys = productKeys(keyPrefix, id);
      const seen = await readFence(redis, keys);
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        const product = await updateProductPrice(client, id, priceCents);
        if (product !== null) await writeThrough(redis, keys, seen, JSON.stringify(product));
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
