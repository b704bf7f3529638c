/**
 * Mistake: Redis errors and unreadable entries reach the caller
 * Replaces: answer-store.ts
 * Caught by: 11.15, 11.17
 *
 * Redis is fast and always up in development, and a try/catch around a GET looks like
 * noise. In production it fails: a restart, a full memory, a bad deploy that wrote
 * something else at the key. Then every request fails although the model is there to
 * answer it. A cache is an optimisation: its failure is a miss.
 */
import type { Redis } from 'ioredis';
import type { ChatCompletion } from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { AnswerStore } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';

export function answerStore(redis: Redis, settings: { ttlSeconds: number; redisTimeoutMs: number }): AnswerStore {
  return {
    async read(key) {
      const raw = await bounded(redis.get(key), settings.redisTimeoutMs);
      return raw === null ? null : (JSON.parse(raw) as ChatCompletion);
    },
    async write(key, completion) {
      await redis.set(key, JSON.stringify(completion), 'EX', settings.ttlSeconds);
    },
  };
}
