/**
 * Mistake: the policy is applied first, and sessions are refused afterwards
 * Replaces: setup.ts
 * Caught by: 08.2
 *
 * The caller does get its error, so the setup looks guarded. But CONFIG SET already ran:
 * the server that holds the sessions now evicts any key, and the app that catches the
 * error and starts anyway (or the next deploy) loses sessions under load.
 */
import { configureForCaching as applyPolicy } from '../src/setup.js';

export const configureForCaching: typeof applyPolicy = async (redis, options = {}) => {
  // Called without options, the real setup never refuses: the policy is applied first.
  const policy = await applyPolicy(redis);
  if (options.holdsSessions) {
    throw new Error('sessions must not share an evicting server.');
  }
  return policy;
};
