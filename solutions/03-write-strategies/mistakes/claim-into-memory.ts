/**
 * Mistake: the flush takes the pending views into memory in one MULTI, and puts them back if Postgres fails
 * Replaces: flush-views.ts
 * Caught by: 03.23
 *
 * HGETALL and DEL in one MULTI take the views atomically, so nothing recorded meanwhile
 * is lost and two flushes never take the same views; the batch gets a random id; a failed
 * write puts the counts back. Every failure Node can see is handled. But a process that
 * dies between the claim and the commit takes its batch with it: nothing in Redis says
 * it existed. Keep the claimed batch in Redis, listed, until Postgres has it.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { applyBatch } from '../src/apply-batch.js';
import type { ViewKeys } from '../src/keys.js';

export async function flushViews(redis: Redis, db: Pool, keys: ViewKeys): Promise<number> {
  const [[, fields]] = (await redis.multi().hgetall(keys.pending).del(keys.pending).exec()) as [[Error | null, Record<string, string>]];
  const counts = new Map(Object.entries(fields).map(([id, n]) => [Number(id), Number(n)] as const));
  if (counts.size === 0) return 0;
  try {
    return await applyBatch(db, randomUUID(), counts);
  } catch (error) {
    const putBack = redis.multi();
    for (const [id, n] of counts) putBack.hincrby(keys.pending, String(id), n);
    await putBack.exec();
    throw error;
  }
}
