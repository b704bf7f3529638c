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
import type { Pool, PoolClient } from 'pg';
import { applyBatch as realApplyBatch } from '../src/apply-batch.js';

/**
 * The solution's transaction on connections that drop a ROLLBACK while none of their
 * queries has failed: the one that ends a skipped batch. After an error it still runs.
 */
export function applyBatch(db: Pool, batchId: string, counts: ReadonlyMap<number, number>): Promise<number> {
  const connect = async () => {
    const client = await db.connect();
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    let failed = false;
    const guarded = (...args: unknown[]) => {
      if (args[0] === 'ROLLBACK' && !failed) return Promise.resolve(); // applied before: nothing to do
      return query(...args).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    };
    return new Proxy(client, {
      get: (target, name) => (name === 'query' ? guarded : Reflect.get(target, name, target)),
    }) as PoolClient;
  };
  const pool = new Proxy(db, {
    get: (target, name) => (name === 'connect' ? connect : Reflect.get(target, name, target)),
  });
  return realApplyBatch(pool, batchId, counts);
}
