/**
 * Mistake: CONFIG SET is sent but not awaited
 * Replaces: setup.ts
 * Caught by: 08.20
 *
 * The command goes out at once and the server applies it a moment later, so reading the
 * policy afterwards nearly always finds it set. But the promise resolves before the
 * server has answered: the app goes on to write before the policy is in force, and an
 * error (a managed Redis that refuses CONFIG) is never seen by the caller.
 */
import type { CachePolicy } from '../../../labs/08-redis-as-a-cache/src/contract.js';
import { configureForCaching as applyLfu } from '../src/setup.js';

export const configureForCaching: typeof applyLfu = async (redis, options = {}) => {
  if (options.holdsSessions) return applyLfu(redis, options); // refuses
  const policy: CachePolicy = 'allkeys-lfu';
  void redis.config('SET', 'maxmemory-policy', policy).catch(() => {});
  return policy;
};
