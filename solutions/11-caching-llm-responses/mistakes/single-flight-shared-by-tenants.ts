/**
 * Mistake: the Map of calls in flight is keyed by the question, without the tenant
 * Replaces: completion-cache.ts
 * Caught by: 11.4
 *
 * The tenant is in the Redis key, so entries never cross tenants, and every check that
 * asks one tenant after another passes. The in-process Map was keyed by "the question"
 * (the normalised request), since that is what the call answers. But two customers
 * asking the same at once in one process then share one call: the second is handed the
 * first's answer, built from the first's documents, without Redis ever being involved.
 * A request joins only a call under its own key, tenant included.
 */
import {
  cacheSettings,
  type ChatCompletion,
  type CompletionCache,
  type CompletionCacheOptions,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { isSampled } from '../src/cacheable.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';
import { canonicalJson, normalise } from '../src/request-key.js';

export function createCompletionCache(options: CompletionCacheOptions): CompletionCache {
  const cache = solution(options);
  const { cacheSampled } = cacheSettings(options);
  const flights = new Map<string, Promise<ChatCompletion>>();
  return {
    ...cache,
    complete(tenant, request) {
      if (isSampled(request) && !cacheSampled) return cache.complete(tenant, request);
      const question = canonicalJson(normalise(request));
      const joined = flights.get(question);
      if (joined) return joined;
      const flight = cache.complete(tenant, request).finally(() => flights.delete(question));
      flights.set(question, flight);
      return flight;
    },
  };
}
