// Lab 11: a completion endpoint's cache. An answer is looked up by the keyed hash of its
// normalised request; a miss pays for one upstream call across every process; only
// complete, deterministic answers are stored, each with a TTL; Redis trouble costs
// time, never the answer.
import {
  MIN_SECRET_BYTES,
  cacheSettings,
  type ChatCompletion,
  type CompletionCache,
  type CompletionCacheOptions,
  type CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { answerStore } from './answer-store.js';
import { isSampled } from './cacheable.js';
import { loadOnce } from './load-once.js';
import { completionKey } from './request-key.js';

// #region complete
export function createCompletionCache(options: CompletionCacheOptions): CompletionCache {
  const { redis, openai, keyPrefix, secret } = options;
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`the cache key secret must hold at least ${MIN_SECRET_BYTES} bytes`);
  }
  const settings = cacheSettings(options);
  const ask = (request: CompletionRequest) =>
    openai.chat.completions.create({ ...request, stream: false });
  const store = answerStore(redis, settings);
  const flights = new Map<string, Promise<ChatCompletion>>(); // per key, in this process

  return {
    async complete(tenant, request) {
      const key = completionKey(keyPrefix, tenant, request, secret);
      if (isSampled(request) && !settings.cacheSampled) return ask(request); // own sample
      const cached = await store.read(key);
      if (cached) return cached;
      if (cached === undefined) return ask(request); // Redis failed: answer without it
      let flight = flights.get(key);
      if (!flight) {
        const upstream = { redis, store, settings, ask };
        flight = loadOnce(upstream, key, request).finally(() => flights.delete(key));
        flights.set(key, flight);
      }
      return flight;
    },
  };
}
// #endregion complete
