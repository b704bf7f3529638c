/**
 * Mistake: a sampled request goes to the model before the tenant id is checked
 * Replaces: completion-cache.ts
 * Caught by: 11.4, 11.22
 *
 * The tenant id is checked where the key is built, and a sampled request needs no key: it
 * skips the cache, so it skips the check too, whole or streamed. Every check with a
 * cacheable request still sees "acme:*" refused. But the id is the caller's claim about
 * whose request this is; an id the service would refuse must not buy a model call, billed
 * and logged under a tenant that does not exist, just because it asked at temperature 0.7.
 */
import {
  cacheSettings,
  type ChatCompletionChunk,
  type CompletionCache,
  type CompletionCacheOptions,
  type CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { isSampled } from '../src/cacheable.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';

export function createCompletionCache(options: CompletionCacheOptions): CompletionCache {
  const cache = solution(options);
  const straight = (request: CompletionRequest) => isSampled(request) && !cacheSettings(options).cacheSampled;
  async function* streamed(request: CompletionRequest): AsyncGenerator<ChatCompletionChunk> {
    yield* await options.openai.chat.completions.create({ ...request, stream: true });
  }
  return {
    ...cache,
    complete: (tenant, request) => (straight(request) ? options.openai.chat.completions.create({ ...request, stream: false }) : cache.complete(tenant, request)),
    stream: (tenant, request) => (straight(request) ? streamed(request) : cache.stream(tenant, request)),
  };
}
