/**
 * Mistake: a read that failed is reported as an ordinary miss, so the request goes on to lock
 * Replaces: answer-store.ts
 * Caught by: 11.16
 *
 * "A failed read is a miss" is the rule, and returning null on an error follows it to the
 * letter: the request answers from the model either way. But an ordinary miss takes the
 * lock next, so on a stalled Redis every request waits out a second redisTimeoutMs for a
 * lock it cannot get, and on a Redis that answers slowly it may take a lock it never
 * releases in time. A failure is a miss that skips the lock.
 */
import type { Redis } from 'ioredis';
import { answerStore as exact, type AnswerStore, type StoreSettings } from '../src/answer-store.js';

export function answerStore(redis: Redis, settings: StoreSettings): AnswerStore {
  const store = exact(redis, settings);
  return { ...store, read: async (key) => (await store.read(key)) ?? null };
}
