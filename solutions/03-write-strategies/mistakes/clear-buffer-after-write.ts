/**
 * Mistake: the flush reads the pending hash, writes Postgres, then deletes the hash
 * Replaces: flush-views.ts
 * Caught by: 03.11, 03.14
 *
 * "Delete only once Postgres has it" sounds like exactly the right caution. But the hash
 * keeps receiving views while Postgres works; the DEL throws those away unseen. And two
 * flushes running at once (two instances' timers) both read the same hash and both
 * add it. Take the batch out of the way atomically first (RENAME), then write it.
 */
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { addViews } from '../../../labs/03-write-strategies/src/contract.js';
import type { ViewKeys } from '../src/keys.js';

export async function flushViews(redis: Redis, db: Pool, keys: ViewKeys): Promise<number> {
  const pending = await redis.hgetall(keys.pending);
  const counts = new Map(Object.entries(pending).map(([id, n]) => [Number(id), Number(n)] as const));
  if (counts.size === 0) return 0;
  await addViews(db, counts);
  await redis.del(keys.pending);
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}
