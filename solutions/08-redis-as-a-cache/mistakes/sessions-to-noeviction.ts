/**
 * Mistake: refusing sessions sets noeviction first
 * Replaces: setup.ts
 * Caught by: 08.2
 *
 * Sessions do belong under noeviction, so making sure of it before refusing looks
 * helpful, and on a fresh server (already noeviction) nothing seems to change. But the
 * refusal must change nothing: a server the operator ran under volatile-lru now answers
 * every write with OOM once it is full, cache and sessions alike.
 */
import { configureForCaching as applyLfu } from '../src/setup.js';

export const configureForCaching: typeof applyLfu = async (redis, options = {}) => {
  if (options.holdsSessions) await redis.config('SET', 'maxmemory-policy', 'noeviction');
  return applyLfu(redis, options);
};
