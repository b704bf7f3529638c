// Lab 02: what the server will do when its memory is full.
import type { Redis } from 'ioredis';
import { REDIS_TIMEOUT_MS, type EvictionScope } from './contract.js';

/** The server's maxmemory-policy, or null when it will not say (in `timeoutMs`). Never changes it. */
export async function readEvictionPolicy(redis: Redis, timeoutMs = REDIS_TIMEOUT_MS): Promise<string | null> {
  // TODO(02): this is the policy we asked the platform team for. Is it what this
  // server runs? Ask the server (read-only).
  return 'allkeys-lru';
}

/** Which keys `policy` may evict when memory is full. */
export function evictionScope(policy: string): EvictionScope {
  // TODO(02): "lru" in a name says how a victim is chosen, not which keys may be one;
  // and a policy without lru or lfu in its name may still evict.
  if (policy.includes('lru') || policy.includes('lfu')) return 'any-key';
  return 'none';
}
