/**
 * Mistake: a stream is judged by its first choice only
 * Replaces: stream-store.ts
 * Caught by: 11.23
 *
 * Streams are assembled as "the text of choice 0", as most chat screens read them, and
 * that text is checked like a whole answer. A request with n: 2 streams two choices
 * interleaved, though: the stored stream holds two answers, and a replay hands both (or a
 * reader that joins every delta, a mix of both) to callers who asked once. A stream with
 * more than one choice is not one answer: keep it nowhere, as complete() does.
 */
import type { Redis } from 'ioredis';
import type { ChatCompletionChunk } from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { StoreSettings } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';
import { isCacheable } from '../src/cacheable.js';
import { assemble } from '../src/chunks.js';
import type { StreamStore } from '../src/stream-store.js';

const firstChoiceEnds = (chunks: ChatCompletionChunk[]) =>
  isCacheable(assemble(chunks.map((chunk) => ({ ...chunk, choices: chunk.choices.filter((c) => c.index === 0) }))));

export function streamStore(redis: Redis, settings: StoreSettings): StreamStore {
  const inTime = <T>(command: Promise<T>) => bounded(command, settings.redisTimeoutMs);
  return {
    async read(key) {
      const chunks = JSON.parse((await inTime(redis.get(key)).catch(() => null)) ?? 'null') as unknown;
      return Array.isArray(chunks) && firstChoiceEnds(chunks as ChatCompletionChunk[]) ? (chunks as ChatCompletionChunk[]) : null;
    },
    async write(key, chunks) {
      if (!firstChoiceEnds(chunks)) return;
      await inTime(redis.set(key, JSON.stringify(chunks), 'EX', settings.ttlSeconds)).catch(() => {});
    },
  };
}
