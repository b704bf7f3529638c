/**
 * Mistake: health() reports the server figures as soon as INFO answers, ready or not
 * Replaces: server-figures.ts
 * Caught by: 13.13
 *
 * INFO answered, so the server is there: what could be wrong with showing its figures? A
 * client that is still connecting. ioredis lets INFO through before its ready check has
 * passed (the ready check is an INFO itself), but turns reads away until then. A dashboard
 * or a load balancer that trusts this report sends traffic to an instance whose reads all
 * fail for another second. Figures belong to a client that can serve reads:
 * redis.status === 'ready'.
 */
import type { Redis } from 'ioredis';
import type { ServerFigures } from '../../../labs/13-operating-redis/src/contract.js';

export async function readServerFigures(redis: Redis): Promise<ServerFigures | null> {
  const text = await redis.info('memory', 'stats');
  const field = (name: string): string => new RegExp(`^${name}:(.*)$`, 'm').exec(text)?.[1] ?? '';
  return {
    usedMemoryBytes: Number(field('used_memory')),
    maxmemoryBytes: Number(field('maxmemory')),
    maxmemoryPolicy: field('maxmemory_policy'),
    evictedKeys: Number(field('evicted_keys')),
  };
}
