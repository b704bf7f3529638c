/**
 * Mistake: a batch is read with one HSCAN of COUNT 10000, "more than any batch will hold"
 * Replaces: view-batches.ts
 * Caught by: 03.21
 *
 * The author knew one HSCAN returns one page, so made the page big: the shop has a few
 * thousand products, a batch holds at most one field per product, and ten thousand is
 * far above that. Every test with realistic numbers passes. But the bound is a guess
 * about the catalog, not a property of the code: the catalog grows, or a long outage
 * lets a batch cover every product ever viewed, and the first page then holds only part
 * of it. The rest is applied never, because the acknowledgement deletes the whole batch.
 * Follow the cursor until it is 0, or read the whole hash at once.
 */
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';
export { ackBatch, claimedBatches, claimPending } from '../src/view-batches.js';

export async function readBatch(redis: Redis, keys: ViewKeys, id: string): Promise<Map<number, number>> {
  // HSCAN rather than HGETALL: one bounded page, so a huge batch cannot block Redis.
  const [, flat] = await redis.hscan(keys.batch(id), '0', 'COUNT', 10_000);
  const counts = new Map<number, number>();
  for (let i = 0; i < flat.length; i += 2) counts.set(Number(flat[i]), Number(flat[i + 1]));
  return counts;
}
