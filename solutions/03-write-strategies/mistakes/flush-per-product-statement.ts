/**
 * Mistake: a batch is applied with one statement per product, in a loop
 * Replaces: apply-batch.ts
 * Caught by: 03.9, 03.21
 *
 * It is inside one transaction with the batch id, so it is exactly-once and all or
 * nothing, and with a handful of products nobody notices. But write-behind exists to
 * turn many small writes into one big one: a batch of 5000 products becomes 5000 round
 * trips holding a transaction open, the same load the buffer was meant to take off the
 * database. addViews takes the whole batch in one statement.
 */
import type { Pool } from 'pg';
import { addViews } from '../../../labs/03-write-strategies/src/contract.js';
import { applyBatch as applyInOneTransaction } from '../src/apply-batch.js';

/** The solution's transaction, adding the views one product at a time. */
export function applyBatch(db: Pool, batchId: string, counts: ReadonlyMap<number, number>): Promise<number> {
  return applyInOneTransaction(db, batchId, counts, async (client, batch) => {
    let added = 0;
    for (const [id, views] of batch) added += await addViews(client, new Map([[id, views]]));
    return added;
  });
}
