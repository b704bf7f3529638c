/**
 * Mistake: the eviction policy is read once per client and remembered
 * Replaces: eviction.ts
 * Caught by: 02.8
 *
 * Keyed by the client, the memo no longer mixes up two servers, which was the trouble
 * with one per process, and a policy rarely changes. But it does change: an operator
 * switches noeviction to allkeys-lru when the cache fills, a failover promotes a replica
 * configured otherwise, and the same client, reconnected, now talks to it. The answer
 * this code gives is the policy of the past. Ask the server each time; it is one round trip.
 */
import type { Redis } from 'ioredis';
import { REDIS_TIMEOUT_MS } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { readEvictionPolicy as realReadEvictionPolicy } from '../src/eviction.js';

export { evictionScope } from '../src/eviction.js';

const known = new WeakMap<Redis, Promise<string | null>>();

export function readEvictionPolicy(redis: Redis, timeoutMs = REDIS_TIMEOUT_MS): Promise<string | null> {
  const policy = known.get(redis) ?? realReadEvictionPolicy(redis, timeoutMs);
  known.set(redis, policy);
  return policy;
}
