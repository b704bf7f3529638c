// bentocache, for comparison: a store with a Redis L2 and no in-memory L1, on a connection
// the bench hands in, so it reads Redis on every call exactly like the course's code. If
// the library cannot load or misbehaves with ioredis 6, the caller gets the reason and
// prints a row marked unavailable instead of failing the bench.
import type { Redis } from 'ioredis';

export interface BentoLike {
  getOrSet<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export type BentoOutcome = { ok: true; cache: BentoLike } | { ok: false; reason: string };

/** One bentocache instance (one "process") over `connection`, keys under `prefix`. */
export async function createBento(connection: Redis, prefix: string): Promise<BentoOutcome> {
  try {
    const { BentoCache, bentostore } = await import('bentocache');
    const { redisDriver } = await import('bentocache/drivers/redis');
    const bento = new BentoCache({
      default: 'redis',
      // The driver adds ':' after the prefix itself.
      prefix: prefix.replace(/:$/, ''),
      stores: { redis: bentostore().useL2Layer(redisDriver({ connection })) },
    });
    return {
      ok: true,
      cache: { getOrSet: (key, load) => bento.getOrSet({ key, factory: load, ttl: '10m' }) },
    };
  } catch (error) {
    return { ok: false, reason: firstLine(error) };
  }
}

/** Runs `work` with a bentocache instance; any failure becomes the row's reason. */
export async function probeBento(cache: BentoLike, key: string, load: () => Promise<unknown>): Promise<string | null> {
  try {
    await cache.getOrSet(key, load);
    await cache.getOrSet(key, load);
    return null;
  } catch (error) {
    return firstLine(error);
  }
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160);
}
