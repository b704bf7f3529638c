/**
 * Mistake: saved tokens are priced at the model the request named
 * Replaces: completion-cache.ts
 * Caught by: 11.24
 *
 * The request says which model it wants, so its price is right there. But apps ask for
 * aliases ("gpt-4o-mini"), and the API answers with the snapshot that did the work
 * ("gpt-4o-mini-2024-07-18"): that is what was billed and what MODEL_PRICES lists. Priced
 * at the alias, every hit saves tokens and no dollars. Price what the answer says.
 */
import * as contract from '../../../labs/11-caching-llm-responses/src/contract.js';
import { answerStore } from '../src/answer-store.js';
import { statsCounter } from '../src/cache-stats.js';
import { isSampled } from '../src/cacheable.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';
import { loadOnce } from '../src/load-once.js';
import { completionKey } from '../src/request-key.js';

export function createCompletionCache(options: contract.CompletionCacheOptions): contract.CompletionCache {
  const settings = contract.cacheSettings(options);
  const counter = statsCounter(options.redis, contract.statsKey(options.keyPrefix), settings.redisTimeoutMs);
  const store = answerStore(options.redis, settings);
  return {
    ...solution(options), // streams and stats() as in the solution
    async complete(tenant, request) {
      const key = completionKey(options.keyPrefix, tenant, request, options.secret);
      let paid = false;
      const ask = async (r: contract.CompletionRequest) => {
        paid = true;
        await counter.paid();
        return options.openai.chat.completions.create({ ...r, stream: false });
      };
      const sampled = isSampled(request) && !settings.cacheSampled;
      const found = sampled ? null : await store.read(key);
      const answer = found ?? (sampled ? await ask(request) : await loadOnce({ redis: options.redis, settings, store, ask }, key, request));
      await counter.answered({ ...answer, model: request.model }, paid); // the price of what was asked for
      return answer;
    },
  };
}
