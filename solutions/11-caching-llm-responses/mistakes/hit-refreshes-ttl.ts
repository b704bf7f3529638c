/**
 * Mistake: every hit resets the answer's TTL (GETEX ... EX ttl)
 * Replaces: answer-store.ts
 * Caught by: 11.10
 *
 * A sliding TTL keeps popular answers and lets rare ones go, which sounds like good
 * memory use. But the TTL is what bounds how long an answer outlives a model update or a
 * prompt change: a question asked every hour is now never asked again, whatever changed.
 * A hit reads; only a new answer sets the TTL.
 */
import type { Redis } from 'ioredis';
import type { ChatCompletion } from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { AnswerStore } from '../src/answer-store.js';
import { answerStore as exact } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';

export function answerStore(redis: Redis, settings: { ttlSeconds: number; redisTimeoutMs: number }): AnswerStore {
  const store = exact(redis, settings);
  return {
    async read(key) {
      try {
        const raw = await bounded(redis.getex(key, 'EX', settings.ttlSeconds), settings.redisTimeoutMs);
        return raw === null ? null : (JSON.parse(raw) as ChatCompletion);
      } catch {
        return undefined;
      }
    },
    write: store.write,
  };
}
