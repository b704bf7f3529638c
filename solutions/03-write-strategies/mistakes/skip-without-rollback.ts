/**
 * Mistake: a batch found already applied is skipped without ending its transaction
 * Replaces: apply-batch.ts
 * Caught by: 03.13
 *
 * The mark insert changed nothing (ON CONFLICT DO NOTHING), so there seems to be nothing
 * to roll back: return 0 and hand the connection back. But BEGIN opened a transaction,
 * and release() does not end it. The pool now holds a connection "idle in transaction":
 * whoever gets it next runs inside that transaction, and a plain query there is never
 * committed. Every path out of BEGIN ends in COMMIT or ROLLBACK.
 */
import type { Pool } from 'pg';
import { addViews, markBatchApplied } from '../../../labs/03-write-strategies/src/contract.js';

export async function applyBatch(db: Pool, batchId: string, counts: ReadonlyMap<number, number>): Promise<number> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    if (!(await markBatchApplied(client, batchId))) return 0; // applied before: nothing to do
    await addViews(client, counts);
    await client.query('COMMIT');
    return [...counts.values()].reduce((sum, views) => sum + views, 0);
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
