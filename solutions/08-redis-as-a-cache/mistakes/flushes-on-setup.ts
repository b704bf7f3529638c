/**
 * Mistake: the setup empties the server before applying the policy
 * Replaces: setup.ts
 * Caught by: 08.1
 *
 * A cache can always be rebuilt, so starting from an empty server looks clean. But every
 * app instance runs the setup when it starts: each deploy or restart throws away the
 * whole warm cache, and the database takes the full load at once.
 */
import { configureForCaching as applyLfu } from '../src/setup.js';

export const configureForCaching: typeof applyLfu = async (redis, options = {}) => {
  if (!options.holdsSessions) await redis.flushall();
  return applyLfu(redis, options);
};
