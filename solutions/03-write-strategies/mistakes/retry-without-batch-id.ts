/**
 * Mistake: a batch is applied in a transaction, but nothing records that it was
 * Replaces: apply-batch.ts
 * Caught by: 03.13, 03.23
 *
 * The transaction makes each attempt all-or-nothing, and a batch stays in Redis until
 * it is applied, so a failed flush is retried: this survives every failure before the
 * COMMIT. It does not survive one after it. If the process dies (or loses Redis) between
 * the commit and removing the batch, the next flush finds the batch and adds it again.
 * At-least-once delivery needs an idempotent apply: remember the batch id in Postgres.
 */
import type { Pool } from 'pg';
import { addViews } from '../../../labs/03-write-strategies/src/contract.js';

export async function applyBatch(db: Pool, _batchId: string, counts: ReadonlyMap<number, number>): Promise<number> {
  const connection = await db.connect();
  try {
    await connection.query('BEGIN');
    await addViews(connection, counts);
    await connection.query('COMMIT');
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
  let views = 0;
  counts.forEach((n) => (views += n));
  return views;
}
