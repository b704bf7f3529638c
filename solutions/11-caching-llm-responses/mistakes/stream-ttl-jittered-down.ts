/**
 * Mistake: a stream is stored for ttlSeconds less up to two seconds of jitter
 * Replaces: stream-store.ts
 * Caught by: 11.21, 11.22
 *
 * A few hundred ms to two seconds off each stream's TTL spreads the expiries of streams
 * stored in the same burst, and against a TTL of an hour it looks like nothing. But the
 * README promises exactly ttlSeconds, streamed or whole: a team that sets the TTL to
 * match a prompt release or a retention rule gets less than it asked for, differently
 * each time. Streams are stored as they are asked, not in a burst: nothing to spread.
 */
import { randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StoreSettings } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';
import { isCacheable } from '../src/cacheable.js';
import { assemble } from '../src/chunks.js';
import { streamStore as exact, type StreamStore } from '../src/stream-store.js';

export function streamStore(redis: Redis, settings: StoreSettings): StreamStore {
  return {
    read: exact(redis, settings).read,
    async write(key, chunks) {
      if (!isCacheable(assemble(chunks))) return;
      const ttlMs = settings.ttlSeconds * 1000 - randomInt(600, 1_800);
      await bounded(redis.set(key, JSON.stringify(chunks), 'PX', ttlMs), settings.redisTimeoutMs).catch(() => {});
    },
  };
}
