// Reads (never changes) how a Redis server handles a full memory and a restart, and says
// what that means for a cache. Run: npx tsx examples/redis-basics/memory-policy.ts
import { Redis } from 'ioredis';
import { isMain, redisUrl } from '../lib/example-redis.js';

// #region policy-check
export interface MemorySetup {
  maxmemoryBytes: number;
  policy: string;
  rdbSnapshots: boolean;
  aofEnabled: boolean;
}

export async function readMemorySetup(redis: Redis): Promise<MemorySetup> {
  // CONFIG GET replies with a flat [name, value] list.
  const [, maxmemory = '0'] = (await redis.config('GET', 'maxmemory')) as string[];
  const [, policy = 'unknown'] = (await redis.config(
    'GET',
    'maxmemory-policy',
  )) as string[];
  const [, save = ''] = (await redis.config('GET', 'save')) as string[];
  const [, appendonly = 'no'] = (await redis.config('GET', 'appendonly')) as string[];
  return {
    maxmemoryBytes: Number(maxmemory),
    policy,
    rdbSnapshots: save.trim() !== '',
    aofEnabled: appendonly === 'yes',
  };
}

export function adviceForACache(setup: MemorySetup): string[] {
  const advice: string[] = [];
  if (setup.maxmemoryBytes === 0) {
    advice.push(
      'maxmemory is 0 (no limit): Redis grows until the OS or the container kills it.',
    );
  }
  if (setup.policy === 'noeviction') {
    advice.push(
      'noeviction: once full, every write fails with OOM. ' +
        'Fine for a queue, wrong for a cache.',
    );
  } else if (setup.policy.startsWith('volatile-')) {
    advice.push(
      `${setup.policy}: only keys with a TTL can be evicted; ` +
        'a key without one is never freed.',
    );
  } else {
    advice.push(
      `${setup.policy}: any key may be evicted when memory is full, as a cache expects.`,
    );
  }
  if (!setup.rdbSnapshots && !setup.aofEnabled) {
    advice.push(
      'No RDB and no AOF: a restart starts empty. ' +
        'For a cache, that is a cold start, not data loss.',
    );
  }
  return advice;
}
// #endregion policy-check

if (isMain(import.meta.url)) {
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
  try {
    const setup = await readMemorySetup(redis);
    console.log(setup);
    for (const line of adviceForACache(setup)) console.log('-', line);
  } finally {
    await redis.quit();
  }
}
