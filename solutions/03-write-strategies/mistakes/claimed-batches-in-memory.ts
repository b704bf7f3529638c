/**
 * Mistake: the list of claimed batches is kept in process memory, not in Redis
 * Replaces: view-batches.ts
 * Caught by: 03.23
 *
 * The views themselves are in Redis (renamed to a batch key), and a failed flush retries
 * its batch on the next flush, so every check within one process passes. But only this
 * process knows which batch keys exist: if it dies after claiming, no other process
 * finds the batch, and its views are never applied. A module-level array looks shared,
 * and is shared only inside one process. Whatever another process must finish has to be
 * in Redis.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';
import { luaScript } from '../src/lua-script.js';
export { readBatch } from '../src/view-batches.js';

const claimed: string[] = [];

const take = luaScript(`
  if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
  redis.call('RENAME', KEYS[1], KEYS[2])
  return 1
`);

export async function claimPending(redis: Redis, keys: ViewKeys): Promise<void> {
  const id = randomUUID();
  if ((await take(redis, [keys.pending, keys.batch(id)], [])) === 1) claimed.push(id);
}

export async function claimedBatches(_redis: Redis, _keys: ViewKeys): Promise<string[]> {
  return [...claimed];
}

export async function ackBatch(redis: Redis, keys: ViewKeys, id: string): Promise<void> {
  await redis.del(keys.batch(id));
  claimed.splice(claimed.indexOf(id), 1);
}
