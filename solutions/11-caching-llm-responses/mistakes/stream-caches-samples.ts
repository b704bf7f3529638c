/**
 * Mistake: streamed requests are cached whatever their temperature
 * Replaces: completion-cache.ts
 * Caught by: 11.23
 *
 * The streaming path was added later, as "the same cache, for streams", and the sampled
 * check lives in complete(). So a chat screen that streams at temperature 0.7 gets the
 * first sample replayed to every user for an hour: the "regenerate" button returns the
 * same text, word for word. A sampled stream goes to the model every time unless
 * cacheSampled says otherwise.
 */
import {
  cacheSettings,
  statsKey,
  type CompletionCache,
  type CompletionCacheOptions,
  type CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { statsCounter } from '../src/cache-stats.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';
import { completionKey } from '../src/request-key.js';
import { streamAnswer } from '../src/stream-cache.js';
import { streamStore } from '../src/stream-store.js';

/** The solution, with streams kept whenever `keeps` says (stream-omitted-temperature-as-zero.ts uses it too). */
export function keepingStreams(keeps: (request: CompletionRequest, cacheSampled: boolean) => boolean) {
  return (options: CompletionCacheOptions): CompletionCache => {
    const { redis, openai, keyPrefix, secret } = options;
    const settings = cacheSettings(options);
    const stats = statsCounter(redis, statsKey(keyPrefix), settings.redisTimeoutMs);
    const deps = { openai, store: streamStore(redis, settings), stats };
    return {
      ...solution(options),
      async *stream(tenant, request) {
        const key = completionKey(keyPrefix, tenant, request, secret, true);
        yield* streamAnswer(deps, keeps(request, settings.cacheSampled) ? key : null, request);
      },
    };
  };
}

export const createCompletionCache = keepingStreams(() => true);
