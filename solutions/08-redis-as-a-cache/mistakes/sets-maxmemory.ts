/**
 * Mistake: the setup sets maxmemory too, to the lab's 4 MB
 * Replaces: setup.ts
 * Caught by: 08.1
 *
 * An eviction policy means nothing without a maxmemory, so setting both looks thorough,
 * and on the lab's server it changes nothing. But the limit is the operator's, sized to
 * the machine: on a server given 4 GB, the cache now evicts from its first 4 MB.
 */
import { configureForCaching as applyLfu } from '../src/setup.js';

export const configureForCaching: typeof applyLfu = async (redis, options = {}) => {
  const policy = await applyLfu(redis, options);
  await redis.config('SET', 'maxmemory', '4mb');
  return policy;
};
