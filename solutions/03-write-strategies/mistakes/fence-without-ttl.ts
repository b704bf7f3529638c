/**
 * Mistake: the fence counter is INCRed but never given a TTL
 * Replaces: fence.ts
 * Caught by: 03.5
 *
 * The fence is bookkeeping, not a cached value, so it is easy to forget that it is a
 * key too. Every product ever written leaves a counter behind that never expires: the
 * keyspace grows with the catalog's write history, and under a volatile-* eviction
 * policy these keys can never be evicted to make room.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';

export async function readFence(redis: Redis, keys: ProductKeys): Promise<string> {
  const fence = await redis.get(keys.fence);
  return fence === null ? '' : fence;
}

export async function invalidate(redis: Redis, keys: ProductKeys): Promise<void> {
  await redis.multi().del(keys.value).incr(keys.fence).exec();
}

const CACHE_IF_UNMOVED = `
  local before = redis.call('GET', KEYS[2]) or ''
  redis.call('INCR', KEYS[2])
  if before ~= ARGV[1] then
    redis.call('DEL', KEYS[1])
    return 0
  end
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
`;

export async function writeThrough(redis: Redis, keys: ProductKeys, seen: string, value: string): Promise<boolean> {
  const result = await redis.eval(CACHE_IF_UNMOVED, 2, keys.value, keys.fence, seen, value, PRODUCT_TTL_SECONDS);
  return result === 1;
}
