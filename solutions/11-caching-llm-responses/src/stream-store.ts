// Streamed answers in Redis: the chunks as the model sent them, so a replay yields the
// same pieces in the same order. Kept only when they add up to a complete answer.
import type { Redis } from 'ioredis';
import type { ChatCompletionChunk } from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { StoreSettings } from './answer-store.js';
import { bounded } from './bounded.js';
import { isCacheable } from './cacheable.js';
import { assemble } from './chunks.js';

export interface StreamStore {
  /** The chunks, or null: a miss, an entry not to trust, or a Redis that failed. */
  read(key: string): Promise<ChatCompletionChunk[] | null>;
  /** Keeps the chunks for ttlSeconds if they make a complete answer; a failed write is ignored. */
  write(key: string, chunks: ChatCompletionChunk[]): Promise<void>;
}

function isComplete(chunks: unknown): chunks is ChatCompletionChunk[] {
  try {
    return Array.isArray(chunks) && isCacheable(assemble(chunks as ChatCompletionChunk[]));
  } catch {
    return false; // not chunks at all: whatever wrote it, it is not an answer
  }
}

// #region stream-store
export function streamStore(redis: Redis, settings: StoreSettings): StreamStore {
  const { ttlSeconds, redisTimeoutMs } = settings;
  return {
    async read(key) {
      try {
        const text = await bounded(redis.get(key), redisTimeoutMs);
        const chunks: unknown = JSON.parse(text ?? 'null');
        return isComplete(chunks) ? chunks : null;
      } catch {
        // Redis failed, or the entry is unreadable: a miss, and the next answer replaces it.
        return null;
      }
    },
    async write(key, chunks) {
      if (!isComplete(chunks)) return;
      const stored = redis.set(key, JSON.stringify(chunks), 'EX', ttlSeconds);
      await bounded(stored, redisTimeoutMs).catch(() => {});
    },
  };
}
// #endregion stream-store
