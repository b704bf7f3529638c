/**
 * Mistake: sessions are refused by throwing a string
 * Replaces: setup.ts
 * Caught by: 08.2
 *
 * The promise rejects, nothing changed on the server, and the text names the sessions.
 * But a string is not an Error: no stack, no `message`, and `catch (e) { log(e.message) }`
 * logs undefined where the reason should be.
 */
import { configureForCaching as applyLfu } from '../src/setup.js';

export const configureForCaching: typeof applyLfu = async (redis, options = {}) => {
  if (options.holdsSessions) {
    throw 'Refusing: allkeys-* would evict the sessions this server holds';
  }
  return applyLfu(redis, options);
};
