/**
 * Mistake: each answer's TTL is shortened by a random part of up to a tenth
 * Replaces: answer-store.ts
 * Caught by: 11.10
 *
 * Jitter is the right habit for a fleet of keys written together (lesson 02): they stop
 * expiring in the same second. Here it breaks a promise the README makes: an answer is
 * kept exactly ttlSeconds, the number a team sets for how stale a model's answer may get,
 * and an app that sets it to match a prompt release or a data-retention rule gets
 * anything between nine tenths of it and all of it. Answers are written as they are
 * asked, not in a burst, so there is nothing here for jitter to spread.
 */
import type { Redis } from 'ioredis';
import { answerStore as exact, type AnswerStore, type StoreSettings } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';
import { isCacheable } from '../src/cacheable.js';

export function answerStore(redis: Redis, settings: StoreSettings): AnswerStore {
  return {
    read: exact(redis, settings).read,
    async write(key, completion) {
      if (!isCacheable(completion)) return;
      const ttlMs = settings.ttlSeconds * 1000;
      const jittered = Math.round(ttlMs - Math.random() * ttlMs * 0.1);
      await bounded(redis.set(key, JSON.stringify(completion), 'PX', jittered), settings.redisTimeoutMs).catch(() => {});
    },
  };
}
