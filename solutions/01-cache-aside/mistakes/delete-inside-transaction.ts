/**
 * Mistake: the UPDATE and the DEL share a transaction, so the DEL runs before the COMMIT
 * Replaces: update-price.ts
 * Caught by: 01.21
 *
 * Wrapping the write in BEGIN ... COMMIT and deleting inside it feels atomic: if the DEL
 * throws, roll back. But Redis is not part of the transaction. Between the DEL and the
 * COMMIT, a reader misses, loads the row as it was before (the new price is not
 * committed yet, so nobody else can see it) and caches the old price for the full hour.
 * The open transaction also holds the row lock while it waits on Redis, so a second
 * writer queues behind a stalled DEL.
 */
import type { Pool } from 'pg';
import type { Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { updatePrice as updateThenDelete } from '../src/update-price.js';

/** The solution's UPDATE and DEL, run on one connection inside BEGIN ... COMMIT. */
export async function updatePrice(deps: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const connection = await deps.db.connect();
  try {
    await connection.query('BEGIN');
    const product = await updateThenDelete({ ...deps, db: connection as unknown as Pool }, id, priceCents);
    await connection.query('COMMIT');
    return product;
  } catch (error) {
    await connection.query('ROLLBACK');
    throw error;
  } finally {
    connection.release();
  }
}
