// Lab 11: a completion endpoint's cache. An answer is looked up by the keyed hash of its
// normalised request; a miss pays for one upstream call across every process; only
// complete, deterministic answers are stored, each with a TTL; streams are replayed as
// they came; every process adds to the same totals; Redis trouble costs time, never the
// answer.
import {
  MIN_SECRET_BYTES,
  cacheSettings,
  statsKey,
  type ChatCompletion,
  type CompletionCache,
  type CompletionCacheOptions,
  type CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { answerStore } from './answer-store.js';
import { statsCounter } from './cache-stats.js';
import { isSampled } from './cacheable.js';
import { loadOnce } from './load-once.js';
import { completionKey } from './request-key.js';
import { streamAnswer } from './stream-cache.js';
import { streamStore } from './stream-store.js';

// #region complete
export function createCompletionCache(options: CompletionCacheOptions): CompletionCache {
  const { redis, openai, keyPrefix, secret } = options;
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`the cache key secret must hold at least ${MIN_SECRET_BYTES} bytes`);
  }
  const settings = cacheSettings(options);
  const stats = statsCounter(redis, statsKey(keyPrefix), settings.redisTimeoutMs);
  const ask = async (request: CompletionRequest) => {
    await stats.paid(); // a failed call counts too: it was sent
    return openai.chat.completions.create({ ...request, stream: false });
  };
  const store = answerStore(redis, settings);
  const streams = { openai, store: streamStore(redis, settings), stats };
  const flights = new Map<string, Promise<ChatCompletion>>(); // per key, in this process
  const answered = async (completion: ChatCompletion, paid: boolean) => {
    await stats.answered(completion, paid);
    return completion;
  };

  return {
    async complete(tenant, request) {
      const key = completionKey(keyPrefix, tenant, request, secret);
      if (isSampled(request) && !settings.cacheSampled) return answered(await ask(request), true);
      const cached = await store.read(key);
      if (cached) return answered(cached, false);
      if (cached === undefined) return answered(await ask(request), true); // Redis failed
      const joined = flights.get(key);
      if (joined) return answered(await joined, false); // another request's call
      let paid = false;
      const payOnce = (r: CompletionRequest) => ((paid = true), ask(r));
      const upstream = { redis, store, settings, ask: payOnce };
      const flight = loadOnce(upstream, key, request).finally(() => flights.delete(key));
      flights.set(key, flight);
      return answered(await flight, paid);
    },
    async *stream(tenant, request) {
      const key = completionKey(keyPrefix, tenant, request, secret, true);
      const cacheable = settings.cacheSampled || !isSampled(request);
      yield* streamAnswer(streams, cacheable ? key : null, request);
    },
    stats: () => stats.read(),
  };
}
// #endregion complete
