/**
 * Mistake: every saved token is priced at the default model's rates
 * Replaces: cache-stats.ts
 * Caught by: 11.24
 *
 * One price per token is easy to configure and right while the app calls one model. The
 * day a feature moves to a larger model, its hits save fifteen times more than the
 * report says, and a model without a list price (one you host) is billed at someone
 * else's rates. Price each answer at its own model's input and output prices.
 */
import type { Redis } from 'ioredis';
import { statsCounter as exact, type StatsCounter } from '../src/cache-stats.js';

const DEFAULT_MODEL = 'gpt-4o-mini-2024-07-18';

export function statsCounter(redis: Redis, key: string, redisTimeoutMs: number): StatsCounter {
  const counter = exact(redis, key, redisTimeoutMs);
  return {
    ...counter,
    answered: (completion, paid) => counter.answered({ ...completion, model: DEFAULT_MODEL }, paid),
  };
}
