/**
 * Mistake: a refused CONFIG is caught, but a CONFIG that never answers is waited for
 * Replaces: eviction.ts
 * Caught by: 02.8
 *
 * The refusal of a managed service is handled, and on a healthy server the answer comes
 * in a millisecond, so a bound seems pointless for a call made once at start-up. But a
 * start-up that waits on a stalled Redis never finishes: the instance never becomes
 * ready, and a rolling deploy stops with it. Unknown after `timeoutMs` is an answer.
 */
import type { Redis } from 'ioredis';

export { evictionScope } from '../src/eviction.js';

export async function readEvictionPolicy(redis: Redis, _timeoutMs?: number): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    return reply[1] ?? null;
  } catch {
    return null;
  }
}
