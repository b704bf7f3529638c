/**
 * Mistake: a request that found the question locked is a hit, even when it paid in the end
 * Replaces: completion-cache.ts
 * Caught by: 11.13
 *
 * A request that finds another process's lock is a waiter, and waiters are hits: that
 * rule holds while the holder answers in time. After lockWaitMs, though, the waiter gives
 * up and pays for a call of its own, and it is still counted as a hit with the tokens it
 * "saved". When the provider is slow, exactly when the numbers matter, the totals show
 * savings for calls that were paid twice. A miss is a request answered by its own call.
 */
import * as contract from '../../../labs/11-caching-llm-responses/src/contract.js';
import { answerStore } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';
import { statsCounter } from '../src/cache-stats.js';
import { isSampled } from '../src/cacheable.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';
import { loadOnce, type Upstream } from '../src/load-once.js';
import { completionKey } from '../src/request-key.js';

export function createCompletionCache(options: contract.CompletionCacheOptions): contract.CompletionCache {
  const real = solution(options);
  const { redis, openai, keyPrefix, secret } = options;
  const settings = contract.cacheSettings(options);
  const totals = statsCounter(redis, contract.statsKey(keyPrefix), settings.redisTimeoutMs);
  const waiter: Upstream = {
    redis,
    settings,
    store: answerStore(redis, settings),
    ask: (request) => totals.paid().then(() => openai.chat.completions.create({ ...request, stream: false })),
  };
  const lockedElsewhere = (key: string) => bounded(redis.exists(`${key}:lock`), settings.redisTimeoutMs).catch(() => 0);
  return {
    ...real,
    async complete(tenant, request) {
      const key = completionKey(keyPrefix, tenant, request, secret);
      const mayWait = settings.cacheSampled || !isSampled(request);
      if (!mayWait || (await lockedElsewhere(key)) !== 1) return real.complete(tenant, request);
      const answer = await loadOnce(waiter, key, request); // the holder's answer, or its own after lockWaitMs
      await totals.answered(answer, false);
      return answer;
    },
  };
}
