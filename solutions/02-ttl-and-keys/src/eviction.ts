import type { Redis } from 'ioredis';
import type { EvictionScope } from '../../../labs/02-ttl-and-keys/src/contract.js';

// #region eviction
/**
 * The server's maxmemory-policy, read with CONFIG GET (never SET: the server's settings
 * belong to whoever runs it). Null when the server refuses CONFIG, as many managed
 * services do; their console shows the policy instead.
 */
export async function readEvictionPolicy(redis: Redis): Promise<string | null> {
  let reply: unknown;
  try {
    reply = await redis.config('GET', 'maxmemory-policy');
  } catch {
    return null;
  }
  // RESP2, and ioredis by default under RESP3, give [name, value]; a RESP3 map gives an object.
  const value = Array.isArray(reply) ? reply[1] : (reply as Record<string, unknown> | null)?.['maxmemory-policy'];
  return typeof value === 'string' ? value : null;
}

/**
 * Which keys a policy may evict once memory is full. The prefix decides the scope; the
 * suffix (lru, lfu, random, ttl) only decides which candidate goes first.
 *
 *   noeviction   nothing: commands that need memory fail with OOM; cache writes must be best effort
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
