/**
 * Mistake: the request that took the lock is counted a miss, even when its second read found the answer
 * Replaces: completion-cache.ts
 * Caught by: 11.18
 *
 * "The holder pays, the waiters wait": counting the lock's winner as the miss and everyone
 * else as hits reads like the single flight itself, and waiters, in this process or
 * another, are counted right. But a holder whose second read finds the answer (stored
 * between its miss and its lock) made no call: it is a hit, and counted a miss the totals
 * show a call nobody paid for, and misses above paid calls. A miss is a call of its own.
 */
import type { Redis } from 'ioredis';
import {
  cacheSettings,
  statsKey,
  type ChatCompletion,
  type CompletionCache,
  type CompletionCacheOptions,
  type CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { answerStore } from '../src/answer-store.js';
import { statsCounter } from '../src/cache-stats.js';
import { isSampled } from '../src/cacheable.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';
import { loadOnce } from '../src/load-once.js';
import { completionKey } from '../src/request-key.js';

/** `redis`, telling `onLock` when a SET ... NX took a lock. */
function watchingLocks(redis: Redis, onLock: () => void): Redis {
  return new Proxy(redis, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name);
      if (typeof value !== 'function') return value;
      if (name !== 'set') return value.bind(target);
      return async (...args: unknown[]) => {
        const reply: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (reply === 'OK' && args.includes('NX')) onLock();
        return reply;
      };
    },
  });
}

export function createCompletionCache(options: CompletionCacheOptions): CompletionCache {
  const { redis, openai, keyPrefix, secret } = options;
  const settings = cacheSettings(options);
  const stats = statsCounter(redis, statsKey(keyPrefix), settings.redisTimeoutMs);
  const store = answerStore(redis, settings);
  const ask = async (request: CompletionRequest) => {
    await stats.paid();
    return openai.chat.completions.create({ ...request, stream: false });
  };
  const answered = async (completion: ChatCompletion, paid: boolean) => (await stats.answered(completion, paid), completion);
  return {
    ...solution(options), // streams and stats() as in the solution
    async complete(tenant, request) {
      const key = completionKey(keyPrefix, tenant, request, secret);
      if (isSampled(request) && !settings.cacheSampled) return answered(await ask(request), true);
      const cached = await store.read(key);
      if (cached) return answered(cached, false);
      if (cached === undefined) return answered(await ask(request), true);
      let holder = false; // whoever takes the lock is the one that pays
      const up = { redis: watchingLocks(redis, () => (holder = true)), store, settings, ask };
      const answer = await loadOnce(up, key, request);
      return answered(answer, holder);
    },
  };
}
