/**
 * Mistake: the batch is marked applied and its views added as two separate statements
 * Replaces: apply-batch.ts
 * Caught by: 03.12
 *
 * It uses the batch id, so a retried batch is recognised; each statement commits on
 * its own, which feels simpler than a transaction. But if the connection fails between
 * the two, the mark is committed and the views are not: the retry sees the mark and
 * skips the batch, and the views are lost. The mark and the effect must commit together.
 */
import type { Pool } from 'pg';
import { addViews, markBatchApplied } from '../../../labs/03-write-strategies/src/contract.js';

export async function applyBatch(db: Pool, batchId: string, counts: ReadonlyMap<number, number>): Promise<number> {
  const firstTime = await markBatchApplied(db, batchId);
  if (!firstTime) return 0;
  await addViews(db, counts);
  return Array.from(counts.values()).reduce((a, b) => a + b, 0);
}
