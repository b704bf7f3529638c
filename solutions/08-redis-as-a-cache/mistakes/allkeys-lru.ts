/**
 * Mistake: the cache runs under allkeys-lru
 * Replaces: setup.ts
 * Caught by: 08.14
 *
 * LRU is the textbook policy and evicts any key, so writes never fail. But it ranks keys
 * by their last use only: a burst of products written once (an import, a crawler, a
 * re-index) is newer than every hot product, and pushes the whole hot set out. LFU counts
 * how often a key is used and keeps the products read all day.
 */
import { configureForCaching as applyLfu } from '../src/setup.js';

export const configureForCaching: typeof applyLfu = async (redis, options = {}) => {
  await applyLfu(redis, options); // refuses sessions before anything changes
  await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
  return 'allkeys-lru';
};
