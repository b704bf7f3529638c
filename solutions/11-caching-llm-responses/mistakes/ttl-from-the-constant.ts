/**
 * Mistake: answers are kept for DEFAULT_TTL_SECONDS, whatever ttlSeconds says
 * Replaces: answer-store.ts
 * Caught by: 11.10
 *
 * The constant is right for most deployments and the TTL is set in the same command, so
 * every key expires. But the option is how an app with personal data asks for minutes
 * instead of an hour, and it is silently ignored.
 */
import type { Redis } from 'ioredis';
import { DEFAULT_TTL_SECONDS } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { answerStore as exact, type AnswerStore } from '../src/answer-store.js';

export function answerStore(redis: Redis, settings: { ttlSeconds: number; redisTimeoutMs: number }): AnswerStore {
  return exact(redis, { ...settings, ttlSeconds: DEFAULT_TTL_SECONDS });
}
