/**
 * Mistake: when the server refuses CONFIG, the policy is assumed to be the default, noeviction
 * Replaces: eviction.ts
 * Caught by: 02.8
 *
 * noeviction is Redis's documented default, so falling back to it reads like the
 * reasonable guess, and on a self-hosted server the read works and the guess is never
 * used. But the servers that refuse CONFIG are the managed ones, and many of them ship
 * with volatile-lru or allkeys-lru: the guess is most often wrong exactly where it is
 * made. Unknown is an answer of its own (null): look at the provider's console.
 */
import type { Redis } from 'ioredis';
import { REDIS_TIMEOUT_MS } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export { evictionScope } from '../src/eviction.js';

const REDIS_DEFAULT = 'noeviction';

export async function readEvictionPolicy(redis: Redis, timeoutMs = REDIS_TIMEOUT_MS): Promise<string | null> {
  try {
    const reply = (await withTimeout(redis.config('GET', 'maxmemory-policy'), timeoutMs, 'CONFIG GET')) as string[];
    return reply[1] ?? REDIS_DEFAULT;
  } catch {
    return REDIS_DEFAULT;
  }
}
