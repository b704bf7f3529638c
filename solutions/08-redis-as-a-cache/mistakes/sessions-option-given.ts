/**
 * Mistake: any holdsSessions option is taken for sessions
 * Replaces: setup.ts
 * Caught by: 08.1
 *
 * `configureForCaching(redis, { holdsSessions: true })` refuses, as it must. But the test
 * is whether the option was given, not its value: an app that states it holds no
 * sessions (`{ holdsSessions: false }`) is refused too, and starts under noeviction.
 */
import { configureForCaching as applyLfu } from '../src/setup.js';

export const configureForCaching: typeof applyLfu = async (redis, options = {}) => {
  if (options.holdsSessions !== undefined) {
    throw new Error('Refusing: allkeys-* would evict the sessions this server holds');
  }
  return applyLfu(redis, options);
};
