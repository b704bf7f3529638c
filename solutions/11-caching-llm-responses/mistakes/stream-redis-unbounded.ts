/**
 * Mistake: the streamed path reads Redis with a catch but no timeout
 * Replaces: stream-store.ts
 * Caught by: 11.16
 *
 * The whole-answer path was made safe long ago, and the stream store catches every
 * error of its GET, which passes with Redis down. A stalled Redis sends no error, though:
 * the GET waits for ever, and with it every streamed request, while the model is there to
 * answer. Every Redis call on every path needs redisTimeoutMs.
 */
import type { Redis } from 'ioredis';
import type { ChatCompletionChunk } from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { StoreSettings } from '../src/answer-store.js';
import { streamStore as bounded, type StreamStore } from '../src/stream-store.js';

export function streamStore(redis: Redis, settings: StoreSettings): StreamStore {
  const store = bounded(redis, settings);
  return {
    async read(key) {
      const raw = await redis.get(key).catch(() => null);
      return raw === null ? null : store.read(key); // parsed and judged by the real store
    },
    write: (key: string, chunks: ChatCompletionChunk[]) => store.write(key, chunks),
  };
}
