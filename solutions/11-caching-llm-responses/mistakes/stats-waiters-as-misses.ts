/**
 * Mistake: every request that missed Redis is counted as a miss, waiters included
 * Replaces: completion-cache.ts
 * Caught by: 11.25
 *
 * "Not found in Redis" is the textbook definition of a miss, and it is easy to count at
 * the GET. But a request that then waited for another request's call, in this process or
 * another, paid nothing: the single flight saved that call, and under a burst those
 * savings are most of them. A request is a miss when it paid for a call of its own.
 */
import * as contract from '../../../labs/11-caching-llm-responses/src/contract.js';
import { answerStore } from '../src/answer-store.js';
import { statsCounter } from '../src/cache-stats.js';
import { isSampled } from '../src/cacheable.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';
import { loadOnce, type Upstream } from '../src/load-once.js';
import { completionKey } from '../src/request-key.js';

type Answer = Promise<contract.ChatCompletion>;

export function createCompletionCache(options: contract.CompletionCacheOptions): contract.CompletionCache {
  const settings = contract.cacheSettings(options);
  const counter = statsCounter(options.redis, contract.statsKey(options.keyPrefix), settings.redisTimeoutMs);
  const up: Upstream = {
    redis: options.redis,
    settings,
    store: answerStore(options.redis, settings),
    async ask(request) {
      const counted = counter.paid();
      return options.openai.chat.completions.create({ ...request, stream: false }).finally(() => counted);
    },
  };
  const inFlight = new Map<string, Answer>();
  const fromModel = (key: string, request: contract.CompletionRequest): Answer => {
    if (isSampled(request) && !settings.cacheSampled) return up.ask(request);
    const flight = inFlight.get(key) ?? loadOnce(up, key, request).finally(() => inFlight.delete(key));
    inFlight.set(key, flight);
    return flight;
  };
  return {
    ...solution(options), // streams and stats() as in the solution
    async complete(tenant, request) {
      const key = completionKey(options.keyPrefix, tenant, request, options.secret);
      const sampled = isSampled(request) && !settings.cacheSampled;
      const found = sampled ? null : await up.store.read(key);
      const answer = found ?? (await fromModel(key, request));
      await counter.answered(answer, !found); // not in Redis: counted as paid, whoever paid
      return answer;
    },
  };
}
