import type { Redis } from 'ioredis';
import type { CachePolicy, SetupOptions } from './contract.js';

/**
 * Makes the server fit for a cache and resolves with the eviction policy now in force.
 */
export async function configureForCaching(
  redis: Redis,
  options: SetupOptions = {},
): Promise<CachePolicy> {
  void options; // TODO(08): sessions must not live where any key may be evicted
  // TODO(08): the server still runs its default policy; which one suits a cache?
  await redis.ping();
  return 'allkeys-lru';
}
