/**
 * Mistake: the cache runs under volatile-lfu
 * Replaces: setup.ts
 * Caught by: 08.1
 *
 * Every product is written with a TTL, so volatile-lfu evicts them all the same, and it
 * sounds safer: keys without a TTL are spared. But the safety is an illusion for a cache
 * and a trap later: the first key anyone writes without a TTL can never be evicted, and
 * such keys slowly take the memory until writes fail with OOM after all.
 */
import type { Redis } from 'ioredis';
import type {
  CachePolicy,
  SetupOptions,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';

export async function configureForCaching(
  redis: Redis,
  options: SetupOptions = {},
): Promise<CachePolicy> {
  if (options.holdsSessions) throw new Error('sessions need a server that never evicts');
  await redis.config('SET', 'maxmemory-policy', 'volatile-lfu');
  return 'allkeys-lru';
}
