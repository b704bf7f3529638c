import type { Pool } from 'pg';
import { addViews, markBatchApplied } from '../../../labs/03-write-strategies/src/contract.js';

// #region apply-batch
/**
 * Adds one batch's views to Postgres exactly once, and resolves with how many it added
 * (0 when the batch was applied before). The batch id and the views commit in one
 * transaction: either both are in Postgres or neither is. So a batch whose flush died
 * after COMMIT, or that two flushes pick up at once, is recognised and skipped;
 * a batch whose transaction failed is not marked, and the next flush applies it.
 * `add` writes the views inside that transaction: addViews, one statement for the batch.
 */
export async function applyBatch(
  db: Pool,
  batchId: string,
  counts: ReadonlyMap<number, number>,
  add: typeof addViews = addViews,
): Promise<number> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    // A second transaction inserting the same id waits here until the first one ends.
    if (!(await markBatchApplied(client, batchId))) {
      await client.query('ROLLBACK');
      return 0;
    }
    await add(client, counts);
    await client.query('COMMIT');
    return [...counts.values()].reduce((sum, views) => sum + views, 0);
  } catch (error) {
    // If even ROLLBACK fails the connection is in an unknown state: hand it back as
    // broken so the pool closes it (the server then aborts the transaction).
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
// #endregion apply-batch
