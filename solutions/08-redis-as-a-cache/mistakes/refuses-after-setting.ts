/**
 * Mistake: the policy is applied first, and sessions are refused afterwards
 * Replaces: setup.ts
 * Caught by: 08.2
 *
 * The caller does get its error, so the setup looks guarded. But CONFIG SET already ran:
 * the server that holds the sessions now evicts any key, and the app that catches the
 * error and starts anyway (or the next deploy) loses sessions under load.
 */
import type { Redis } from 'ioredis';
import type {
  CachePolicy,
  SetupOptions,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';

export async function configureForCaching(
  redis: Redis,
  options: SetupOptions = {},
): Promise<CachePolicy> {
  await redis.config('SET', 'maxmemory-policy', 'allkeys-lfu');
  if (options.holdsSessions) {
    throw new Error('sessions must not share an evicting server.');
  }
  return 'allkeys-lfu';
}
