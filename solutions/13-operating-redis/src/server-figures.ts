import type { Redis } from 'ioredis';
import type { ServerFigures } from '../../../labs/13-operating-redis/src/contract.js';

/**
 * What a dashboard needs from the server's INFO: memory against its limit, and evictions;
 * null until the client is ready. ioredis lets INFO through while it is still connecting
 * (its own ready check is an INFO), so an answer alone would report a server the reads
 * cannot reach yet.
 */
export async function readServerFigures(redis: Redis): Promise<ServerFigures | null> {
  if (redis.status !== 'ready') return null;
  const text = await redis.info('memory', 'stats');
  // `.` stops at the \r of INFO's line ends, so the value needs no trimming.
  const field = (name: string): string => new RegExp(`^${name}:(.*)$`, 'm').exec(text)?.[1] ?? '';
  return {
    usedMemoryBytes: Number(field('used_memory')),
    maxmemoryBytes: Number(field('maxmemory')),
    maxmemoryPolicy: field('maxmemory_policy'),
    evictedKeys: Number(field('evicted_keys')),
  };
}
