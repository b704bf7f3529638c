/**
 * Mistake: an error from CONFIG SET is caught and ignored
 * Replaces: setup.ts
 * Caught by: 08.20
 *
 * On a managed Redis CONFIG is often refused (the policy is set in the provider's
 * console), so carrying on looks robust. But the caller is told the policy is in force
 * when the server may still run noeviction, and the first full memory turns into OOM
 * errors on every write.
 */
import { configureForCaching as applyLfu } from '../src/setup.js';

export const configureForCaching: typeof applyLfu = async (redis, options = {}) => {
  try {
    return await applyLfu(redis, options);
  } catch (error) {
    if (options.holdsSessions) throw error;
    return 'allkeys-lfu'; // what the caller is told, whatever the server said
  }
};
