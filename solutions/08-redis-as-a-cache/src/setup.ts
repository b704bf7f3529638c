import type { Redis } from 'ioredis';
import type {
  CachePolicy,
  SetupOptions,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';

// #region configure
/**
 * Applies an eviction policy fit for a cache: allkeys-lfu, since a catalogue has a
 * stable hot set, and any key may go. Refuses, before it changes anything, when sessions
 * share the server: under allkeys-* a logged-in user's session is as likely to go as a
 * product, and a session cannot be rebuilt from the database. Sessions belong on a
 * server of their own, under noeviction.
 */
export async function configureForCaching(
  redis: Redis,
  options: SetupOptions = {},
): Promise<CachePolicy> {
  if (options.holdsSessions) {
    throw new Error('Refusing: allkeys-* would evict the sessions this server holds');
  }
  const policy: CachePolicy = 'allkeys-lfu';
  // CONFIG SET rejects a name the server does not know, so no read-back is needed.
  await redis.config('SET', 'maxmemory-policy', policy);
  return policy;
}
// #endregion configure
