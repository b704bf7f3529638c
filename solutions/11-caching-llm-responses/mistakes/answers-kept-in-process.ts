/**
 * Mistake: each process keeps the answers it paid for in memory, ahead of Redis
 * Replaces: answer-store.ts
 * Caught by: 11.10
 *
 * A local copy saves a round trip to Redis, and it is dropped after ttlSeconds like the
 * entry, so it looks like a harmless first level. But the entry in Redis is the one the
 * fleet agrees on: when it expires early, is evicted under memory pressure or is removed
 * because the prompt changed, this process goes on serving its own copy for up to an
 * hour. A two-level cache needs an invalidation path for the first level (lesson 07);
 * without one, read Redis.
 */
import type { Redis } from 'ioredis';
import type { ChatCompletion } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { answerStore as shared, type AnswerStore, type StoreSettings } from '../src/answer-store.js';
import { isCacheable } from '../src/cacheable.js';

const kept = new Map<string, { completion: ChatCompletion; until: number }>();

export function answerStore(redis: Redis, settings: StoreSettings): AnswerStore {
  const store = shared(redis, settings);
  return {
    async read(key) {
      const local = kept.get(key);
      if (local && local.until > Date.now()) return local.completion;
      return store.read(key);
    },
    async write(key, completion) {
      await store.write(key, completion);
      if (isCacheable(completion)) kept.set(key, { completion, until: Date.now() + settings.ttlSeconds * 1000 });
    },
  };
}
