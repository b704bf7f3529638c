/**
 * Mistake: a hit is credited with the answer's tokens only, not the prompt's
 * Replaces: cache-stats.ts
 * Caught by: 11.24
 *
 * The answer is what the cache stores and replays, so its completion_tokens look like
 * the saving. But the call a hit avoids would also have sent the whole prompt, system
 * text and earlier turns included, and prompt tokens are usually most of an LLM bill.
 * Counting only the answer understates the saving several times over.
 */
import type { Redis } from 'ioredis';
import { statsCounter as exact, type StatsCounter } from '../src/cache-stats.js';

export function statsCounter(redis: Redis, key: string, redisTimeoutMs: number): StatsCounter {
  const counter = exact(redis, key, redisTimeoutMs);
  return {
    ...counter,
    answered(completion, paid) {
      const usage = completion.usage && { ...completion.usage, prompt_tokens: 0 };
      return counter.answered({ ...completion, usage }, paid);
    },
  };
}
