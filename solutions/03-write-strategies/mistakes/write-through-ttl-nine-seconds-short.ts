/**
 * Mistake: a row written through lives nine seconds less than the catalog's hour
 * Replaces: fence.ts
 * Caught by: 03.5
 *
 * Nine seconds off an hour looks like nothing, and a slightly shorter life can only make
 * the cache fresher. But the hour is the catalog's contract, the same on every path: a
 * copy filled by a read and one written through now expire at different times, and
 * anything that reasons about the TTL (a warm-up job, an alert on misses) is off by it.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';
import { writeThrough as writeForAnHour } from '../src/fence.js';

export { invalidate, readFence } from '../src/fence.js';

export async function writeThrough(redis: Redis, keys: ProductKeys, seen: string, value: string): Promise<void> {
  await writeForAnHour(redis, keys, seen, value);
  await redis.expire(keys.value, PRODUCT_TTL_SECONDS - 9, 'LT');
}
