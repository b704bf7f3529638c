/**
 * Mistake: the policy is classified by its algorithm, not by which keys it may touch
 * Replaces: eviction.ts
 * Caught by: 02.8
 *
 * "volatile-lru is LRU, allkeys-lru is LRU" is true of how a victim is picked, so both
 * look like "Redis makes room". But volatile-* only ever evicts keys that have a TTL. On
 * a server whose keys were written without one, it behaves like noeviction: memory
 * fills and writes fail with OOM.
 */
import type { EvictionScope } from '../../../labs/02-ttl-and-keys/src/contract.js';

export { readEvictionPolicy } from '../src/eviction.js';

export function evictionScope(policy: string): EvictionScope {
  if (policy === 'noeviction') return 'none';
  if (policy === 'volatile-ttl') return 'keys-with-ttl'; // the one whose name mentions TTLs
  return 'any-key';
}
