/**
 * Mistake: readEvictionPolicy waits a second by default, not REDIS_TIMEOUT_MS
 * Replaces: eviction.ts
 * Caught by: 02.18
 *
 * Reading a setting is rare (a health check, a start-up report), so a more patient
 * default than the cache's looks reasonable, and a caller who passes timeoutMs never
 * notices. But the contract says the default is REDIS_TIMEOUT_MS: a health check written
 * against it waits four times as long as it was told before saying "unknown", and a
 * stalled server holds it for a second on every probe.
 */
import type { Redis } from 'ioredis';
import { readEvictionPolicy as realReadEvictionPolicy } from '../src/eviction.js';

export { evictionScope } from '../src/eviction.js';

export function readEvictionPolicy(redis: Redis, timeoutMs = 1_000): Promise<string | null> {
  return realReadEvictionPolicy(redis, timeoutMs);
}
