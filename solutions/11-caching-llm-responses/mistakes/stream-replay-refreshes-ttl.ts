/**
 * Mistake: a replayed stream's entry gets its whole TTL again
 * Replaces: stream-store.ts
 * Caught by: 11.21
 *
 * The whole-answer path reads with a plain GET, but a stream is replayed chunk by chunk,
 * and keeping popular streams warm sounds like a fair trade for a chat screen. But the
 * TTL is what bounds how long an answer outlives a model update or a prompt change: a
 * question streamed every few minutes is then never put to the model again, whatever changed. A
 * replay is a hit, and a hit leaves the TTL alone, streamed or whole.
 */
import type { Redis } from 'ioredis';
import type { StoreSettings } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';
import { streamStore as exact, type StreamStore } from '../src/stream-store.js';

export function streamStore(redis: Redis, settings: StoreSettings): StreamStore {
  const store = exact(redis, settings);
  return {
    ...store,
    async read(key) {
      const chunks = await store.read(key);
      if (chunks) await bounded(redis.expire(key, settings.ttlSeconds), settings.redisTimeoutMs).catch(() => {});
      return chunks;
    },
  };
}
