import type { Redis } from 'ioredis';
import {
  REDIS_TIMEOUT_MS,
  type EvictionScope,
} from '../../../labs/02-ttl-and-keys/src/contract.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

// #region eviction
/**
 * The server's maxmemory-policy, read with CONFIG GET (never SET: the server's settings
 * belong to whoever runs it). Null when the server refuses CONFIG, as many managed
 * services do (their console shows the policy instead), or gives no answer in `timeoutMs`.
 */
export async function readEvictionPolicy(
  redis: Redis,
  timeoutMs = REDIS_TIMEOUT_MS,
): Promise<string | null> {
  // ioredis gives [name, value] under RESP2 and RESP3 alike; a server (or proxy) that does
  // not know the setting gives [] and is as silent as one that refuses.
  const reply = await withTimeout(
    redis.config('GET', 'maxmemory-policy'),
    timeoutMs,
    'CONFIG GET maxmemory-policy',
  ).catch(() => []);
  const [, value] = reply as unknown[];
  return typeof value === 'string' ? value : null;
}

/**
 * Which keys a policy may evict once memory is full. The prefix decides the scope; the
 * suffix (lru, lfu, random, ttl) only decides which candidate goes first.
 *
 *   noeviction   nothing: commands that need memory fail with OOM;
 *                cache writes must be best effort
 *   allkeys-*    any key: what a dedicated cache wants
 *   volatile-*   only keys with a TTL: a key written without one can never be freed
 */
export function evictionScope(policy: string): EvictionScope {
  if (policy.startsWith('allkeys-')) return 'any-key';
  if (policy.startsWith('volatile-')) return 'keys-with-ttl';
  if (policy === 'noeviction') return 'none';
  throw new RangeError(`unknown maxmemory-policy "${policy}"`);
}
// #endregion eviction
