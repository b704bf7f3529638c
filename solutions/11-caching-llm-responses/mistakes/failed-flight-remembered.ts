/**
 * Mistake: a flight is forgotten when it succeeds, and kept when it fails
 * Replaces: completion-cache.ts
 * Caught by: 11.6
 *
 * `.then(() => flights.delete(key))` reads as "clean up when done", and with a healthy
 * model every flight is. A rejected flight never runs it: the Map keeps the rejected
 * promise, and every later request for that question in this process gets the same 429
 * without calling the model, until the process restarts. An error cached in memory is
 * still a cached error; drop the flight in a finally.
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
  return {
    ...solution(options), // streams and stats as in the solution: the mistake is in complete()
    async complete(tenant, request) {
      const key = completionKey(keyPrefix, tenant, request, secret);
      if (isSampled(request) && !settings.cacheSampled) return ask(request);
      const cached = await store.read(key);
      if (cached) return cached;
      let flight = flights.get(key);
      if (!flight) {
        flight = loadOnce({ redis, store, settings, ask }, key, request);
        flight.then(() => flights.delete(key), () => {});
        flights.set(key, flight);
      }
      return flight;
    },
  };
}
