/**
 * Mistake: a connection whose ROLLBACK failed goes back to the pool as if it were healthy
 * Replaces: apply-batch.ts
 * Caught by: 03.12
 *
 * BEGIN, mark, add, COMMIT, ROLLBACK on error, release in finally: the textbook shape.
 * But when the ROLLBACK itself fails, the transaction may still be open on that
 * connection, and release() hands it to the next caller. The next flush then runs inside
 * the dead transaction: its "mark the batch" finds the mark the failed attempt left, takes
 * the batch for applied, rolls back, and the views are gone. release(error) tells the pool
 * to close the connection instead.
 */
import type { Pool } from 'pg';
import { addViews, markBatchApplied } from '../../../labs/03-write-strategies/src/contract.js';

export async function applyBatch(db: Pool, batchId: string, counts: ReadonlyMap<number, number>): Promise<number> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    if (!(await markBatchApplied(client, batchId))) {
      await client.query('ROLLBACK');
      return 0;
    }
    await addViews(client, counts);
    await client.query('COMMIT');
    return [...counts.values()].reduce((sum, views) => sum + views, 0);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
