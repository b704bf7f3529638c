/**
 * Mistake: the eviction policy is read once and remembered for the life of the process
 * Replaces: eviction.ts
 * Caught by: 02.8
 *
 * Server configuration rarely changes, so memoising the answer looks like a free saving,
 * and the first read is a real CONFIG GET. But the memo belongs to the module, not to the
 * server: the process that reads the policy of its cache server, then of its session
 * server (or of the new primary after a failover), reports the first answer for both.
 * Ask the server you were handed; it is one round trip.
 */
import type { Redis } from 'ioredis';
import { REDIS_TIMEOUT_MS } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export { evictionScope } from '../src/eviction.js';

let known: Promise<string | null> | undefined;

export function readEvictionPolicy(redis: Redis, timeoutMs = REDIS_TIMEOUT_MS): Promise<string | null> {
  known ??= withTimeout(redis.config('GET', 'maxmemory-policy'), timeoutMs, 'CONFIG GET').then(
    (reply) => ((reply as string[])[1] as string | undefined) ?? null,
    () => null,
  );
  return known;
}
