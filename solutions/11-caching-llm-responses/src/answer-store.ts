// Reading and writing answers in Redis, where any failure or stall costs at most
// redisTimeoutMs and is never the caller's problem.
import type { Redis } from 'ioredis';
import type {
  ChatCompletion,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded } from './bounded.js';
import { isCacheable } from './cacheable.js';

export interface AnswerStore {
  /** The answer; null: a miss (or an entry not to trust); undefined: Redis failed. */
  read(key: string): Promise<ChatCompletion | null | undefined>;
  /** Keeps a complete answer for ttlSeconds; a failed write is ignored. */
  write(key: string, completion: ChatCompletion): Promise<void>;
}

export interface StoreSettings {
  ttlSeconds: number;
  redisTimeoutMs: number;
}

// #region answer-store
export function answerStore(redis: Redis, settings: StoreSettings): AnswerStore {
  const inRedis = <T>(command: Promise<T>) => bounded(command, settings.redisTimeoutMs);
  return {
    async read(key) {
      let raw: string | null;
      try {
        raw = await inRedis(redis.get(key));
      } catch {
        return undefined;
      }
      try {
        const stored = JSON.parse(raw ?? 'null') as ChatCompletion | null;
        return stored && isCacheable(stored) ? stored : null;
      } catch {
        return null; // unreadable: a miss, and the next answer replaces it
      }
    },
    async write(key, completion) {
      if (!isCacheable(completion)) return;
      const json = JSON.stringify(completion);
      await inRedis(redis.set(key, json, 'EX', settings.ttlSeconds)).catch(() => {});
    },
  };
}
// #endregion answer-store
