import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ViewKeys } from './keys.js';
import { luaScript } from './lua-script.js';

/**
 * The Redis side of a flush: claim what is pending as a batch, list the batches still
 * to apply, read one, and forget it once Postgres has it.
 */

// #region claim
/**
 * KEYS: pending, the new batch, the batch list. ARGV: the batch id.
 * RENAME moves the whole hash in O(1): a view recorded a moment later starts a fresh
 * pending hash instead of landing in a batch that is already being written. The batch
 * joins the list in the same step, so a flush that dies after claiming leaves it
 * for the next one rather than orphaned.
 */
export const claimSource = `
  if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('RPUSH', KEYS[3], ARGV[1])
  return 1
`;
const claimScript = luaScript(claimSource);
// #endregion claim

/** `id` names the batch; random, so no two processes, nor one process after a restart, reuse one. */
export async function claimPending(
  redis: Redis,
  keys: ViewKeys,
  id: string = randomUUID(),
): Promise<void> {
  await claimScript(redis, [keys.pending, keys.batch(id), keys.batches], [id]);
}

/** Batches claimed and not yet acknowledged, oldest first: ours, and any a failed or crashed flush left. */
export function claimedBatches(redis: Redis, keys: ViewKeys): Promise<string[]> {
  return redis.lrange(keys.batches, 0, -1);
}

/** Product id -> views. Empty when another flush has applied and acknowledged the batch meanwhile. */
export async function readBatch(
  redis: Redis,
  keys: ViewKeys,
  id: string,
): Promise<Map<number, number>> {
  const fields = await redis.hgetall(keys.batch(id));
  return new Map(
    Object.entries(fields).map(([productId, views]) => [Number(productId), Number(views)]),
  );
}

const ackScript = luaScript(`
  redis.call('DEL', KEYS[1])
  redis.call('LREM', KEYS[2], 0, ARGV[1])
`);

/** Forgets a batch Postgres has. Only ever after the commit: until then the batch is the only copy. */
export async function ackBatch(redis: Redis, keys: ViewKeys, id: string): Promise<void> {
  await ackScript(redis, [keys.batch(id), keys.batches], [id]);
}
