/**
 * Mistake: the stream path reads a missing temperature as 0
 * Replaces: completion-cache.ts
 * Caught by: 11.23
 *
 * The stream path has its own test for "sampled": `(request.temperature ?? 0) > 0`, no
 * temperature, no sampling. But the API reads a missing temperature as 1: a chat screen
 * that never sets it samples on every call, and its first stream is replayed to everyone
 * who asks the same. complete() knows the default; the stream path must use the same rule.
 */
import {
  cacheSettings,
  statsKey,
  type CompletionCache,
  type CompletionCacheOptions,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { statsCounter } from '../src/cache-stats.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';
import { completionKey } from '../src/request-key.js';
import { streamAnswer } from '../src/stream-cache.js';
import { streamStore } from '../src/stream-store.js';

export function createCompletionCache(options: CompletionCacheOptions): CompletionCache {
  const { redis, openai, keyPrefix, secret } = options;
  const settings = cacheSettings(options);
  const stats = statsCounter(redis, statsKey(keyPrefix), settings.redisTimeoutMs);
  const deps = { openai, store: streamStore(redis, settings), stats };
  return {
    ...solution(options),
    async *stream(tenant, request) {
      const key = completionKey(keyPrefix, tenant, request, secret, true);
      const sampled = (request.temperature ?? 0) > 0;
      yield* streamAnswer(deps, settings.cacheSampled || !sampled ? key : null, request);
    },
  };
}
