/**
 * Mistake: sampled requests skip the cache but still share one flight
 * Replaces: completion-cache.ts
 * Caught by: 11.8
 *
 * Sampled answers are never stored, as they should not be, and the flight Map sits in
 * front of everything to save money. But two people who press "suggest another title" at
 * the same moment then get the same suggestion: sharing one sample between concurrent
 * callers freezes it just as caching would. A sampled request gets its own call.
 */
import { MIN_SECRET_BYTES, cacheSettings, type ChatCompletion, type CompletionCache, type CompletionCacheOptions, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { answerStore } from '../src/answer-store.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';
import { isSampled } from '../src/cacheable.js';
import { loadOnce } from '../src/load-once.js';
import { completionKey } from '../src/request-key.js';

export function createCompletionCache(options: CompletionCacheOptions): CompletionCache {
  const { redis, openai, keyPrefix, secret } = options;
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) throw new Error('the cache key secret is too short');
  const settings = cacheSettings(options);
  const ask = (request: CompletionRequest) => openai.chat.completions.create({ ...request, stream: false });
  const store = answerStore(redis, settings);
  const flights = new Map<string, Promise<ChatCompletion>>();
  const shared = (key: string, load: () => Promise<ChatCompletion>) => {
    let flight = flights.get(key);
    if (!flight) {
      flight = load().finally(() => flights.delete(key));
      flights.set(key, flight);
    }
    return flight;
  };
  return {
    ...solution(options), // streams and stats as in the solution: the mistake is in complete()
    async complete(tenant, request) {
      const key = completionKey(keyPrefix, tenant, request, secret);
      if (isSampled(request) && !settings.cacheSampled) return shared(key, () => ask(request));
      const cached = await store.read(key);
      if (cached) return cached;
      if (cached === undefined) return ask(request);
      return shared(key, () => loadOnce({ redis, store, settings, ask }, key, request));
    },
  };
}
