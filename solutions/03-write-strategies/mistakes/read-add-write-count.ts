/**
 * Mistake: a view is counted by reading the count, adding one, and writing it back
 * Replaces: record-view.ts
 * Caught by: 03.14
 *
 * The buffer is in Redis, durable and shared, so this looks finished, and one view at a
 * time it is exact. But HGET and HSET are two commands: when many views arrive at once
 * (250 from one process already qualify, since ioredis sends them all before any reply
 * comes back), they all read the same count and all write count + 1. Most increments
 * vanish. Redis has an atomic increment (HINCRBY); use it.
 */
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';

export async function recordView(redis: Redis, keys: ViewKeys, productId: number): Promise<void> {
  const field = String(productId);
  const current = Number((await redis.hget(keys.pending, field)) ?? 0);
  await redis.hset(keys.pending, field, current + 1);
}
