/**
 * Mistake: an entry read from Redis is trusted once it parses and has choices
 * Replaces: answer-store.ts
 * Caught by: 11.17
 *
 * The allow-list runs before every write, so whatever is in Redis "must" be a good
 * answer, and the read only guards against junk that would crash the code. But the
 * entry may come from an older release with a looser rule, a hand-made fix, or another
 * service sharing the prefix: a truncated answer or a refusal read back is then served
 * to everyone for its whole TTL. Judge what you read by the same allow-list.
 */
import type { Redis } from 'ioredis';
import type { ChatCompletion } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { answerStore as checked, type AnswerStore, type StoreSettings } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';

export function answerStore(redis: Redis, settings: StoreSettings): AnswerStore {
  const real = checked(redis, settings);
  return {
    ...real,
    async read(key) {
      let raw: string | null;
      try {
        raw = await bounded(redis.get(key), settings.redisTimeoutMs);
      } catch {
        return undefined;
      }
      try {
        const entry = JSON.parse(raw ?? 'null') as ChatCompletion | null;
        return Array.isArray(entry?.choices) ? entry : null;
      } catch {
        return null;
      }
    },
  };
}
