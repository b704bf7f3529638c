/**
 * Mistake: storing an answer ignores a refusal but waits for Redis as long as it takes
 * Replaces: answer-store.ts
 * Caught by: 11.17
 *
 * The read is bounded, and the write's `.catch(() => {})` makes a failed write harmless,
 * so the store looks as careful as the README asks. But a catch handles an error, and a
 * stalled Redis sends none: the request that just paid for its answer waits on the SET
 * until the connection dies, with the answer in hand. Every Redis call on a request's
 * path needs the bound, writes as much as reads.
 */
import type { Redis } from 'ioredis';
import { answerStore as bounded, type AnswerStore, type StoreSettings } from '../src/answer-store.js';
import { isCacheable } from '../src/cacheable.js';

export function answerStore(redis: Redis, settings: StoreSettings): AnswerStore {
  return {
    read: bounded(redis, settings).read,
    async write(key, completion) {
      if (!isCacheable(completion)) return;
      await redis.set(key, JSON.stringify(completion), 'EX', settings.ttlSeconds).catch(() => {});
    },
  };
}
