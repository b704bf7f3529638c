/**
 * Mistake: claiming a batch gives the batch key a TTL (a day), so orphans clean themselves up
 * Replaces: view-batches.ts
 * Caught by: 03.12
 *
 * The pending hash never expires, everyone agrees on that. A claimed batch feels
 * different: a flush applies it within milliseconds, and a TTL of a day looks like a
 * harmless guard against batches a crashed flusher might leave for ever. But until its
 * commit a claimed batch is the only copy of its views, exactly as the pending hash was,
 * and it is left behind precisely when something is wrong: Postgres down for a long
 * weekend, a flusher crash-looping. Then the views silently vanish. An orphan is not
 * waste to expire; the next flush applies it.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';
import { luaScript } from '../src/lua-script.js';
export { ackBatch, claimedBatches, readBatch } from '../src/view-batches.js';

const claimScript = luaScript(`
  if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
  redis.call('RENAME', KEYS[1], KEYS[2])
  -- a claimed batch is applied within seconds; a day is plenty, and orphans cannot pile up
  redis.call('EXPIRE', KEYS[2], 86400)
  redis.call('RPUSH', KEYS[3], ARGV[1])
  return 1
`);

export async function claimPending(redis: Redis, keys: ViewKeys, id: string = randomUUID()): Promise<void> {
  await claimScript(redis, [keys.pending, keys.batch(id), keys.batches], [id]);
}
