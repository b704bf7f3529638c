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
import { configureForCaching as applyLfu } from '../src/setup.js';

export const configureForCaching: typeof applyLfu = async (redis, options = {}) => {
  await applyLfu(redis, options); // refuses sessions before anything changes
  await redis.config('SET', 'maxmemory-policy', 'volatile-lfu');
  return 'allkeys-lru'; // what the caller is told, not what the server runs
};
