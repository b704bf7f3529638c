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
import type { Pool, PoolClient } from 'pg';
import { applyBatch as applyRealBatch } from '../src/apply-batch.js';

/** `db`, except that release() hands every connection back as healthy, whatever it is told. */
function poolTrustingEveryConnection(db: Pool): Pool {
  const connect = async (): Promise<PoolClient> => {
    const client = await db.connect();
    const release = client.release.bind(client);
    client.release = () => release();
    return client;
  };
  return Object.assign(Object.create(db) as Pool, { connect });
}

export const applyBatch: typeof applyRealBatch = (db, batchId, counts) =>
  applyRealBatch(poolTrustingEveryConnection(db), batchId, counts);
