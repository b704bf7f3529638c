/**
 * Mistake: the view buffer gets a TTL, like every other key
 * Replaces: record-view.ts
 * Caught by: 03.10
 *
 * The lesson's first rule is that every key a cache writes carries a TTL, in the same
 * step that writes it, and MULTI does that here. But the rule is for copies of data that
 * lives elsewhere. The pending hash is the only copy of views not yet in Postgres: stop
 * flushing for an hour (a long deploy, a database outage) and the views expire unseen.
 */
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';

const BUFFER_TTL_SECONDS = 3600;

export async function recordView(redis: Redis, keys: ViewKeys, productId: number): Promise<void> {
  await redis.multi().hincrby(keys.pending, String(productId), 1).expire(keys.pending, BUFFER_TTL_SECONDS).exec();
}
