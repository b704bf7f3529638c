/**
 * Mistake: a stored stream is replayed once it parses as chunks, without being judged
 * Replaces: stream-store.ts
 * Caught by: 11.22
 *
 * The write judges every stream before it keeps it, so whatever is at the key "must" be
 * a complete answer, and the read only guards against junk that would crash the replay.
 * But the entry may come from an older release with a looser rule, a hand-made fix, or
 * another service sharing the prefix: a truncated or refused stream read back is then
 * replayed to everyone for its whole TTL, and never replaced. Judge what you read by the
 * rules you store by.
 */
import type { Redis } from 'ioredis';
import type { ChatCompletionChunk } from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { StoreSettings } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';
import { streamStore as judged, type StreamStore } from '../src/stream-store.js';

const looksLikeChunks = (value: unknown): value is ChatCompletionChunk[] =>
  Array.isArray(value) && value.length > 0 && value.every((chunk) => Array.isArray((chunk as ChatCompletionChunk | null)?.choices));

export function streamStore(redis: Redis, settings: StoreSettings): StreamStore {
  return {
    ...judged(redis, settings),
    async read(key) {
      try {
        const chunks: unknown = JSON.parse((await bounded(redis.get(key), settings.redisTimeoutMs)) ?? 'null');
        return looksLikeChunks(chunks) ? chunks : null;
      } catch {
        return null;
      }
    },
  };
}
