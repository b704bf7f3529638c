/**
 * Mistake: a stream looks its answer up before the tenant id is checked
 * Replaces: completion-cache.ts
 * Caught by: 11.22
 *
 * The check sits in the miss path, next to the model call it was written to protect, and
 * no unsafe id ever gets an answer: nothing is stored under it and the model is never
 * asked. But the GET has already gone out with the id in the key: "acme:*" or an empty
 * id reaches Redis, its logs and its ACLs, and a crafted id reads another key layout.
 * Refuse the id before any key is built.
 */
import { createHmac } from 'node:crypto';
import * as contract from '../../../labs/11-caching-llm-responses/src/contract.js';
import { statsCounter } from '../src/cache-stats.js';
import { assemble } from '../src/chunks.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';
import { canonicalJson, normalise } from '../src/request-key.js';
import { streamStore } from '../src/stream-store.js';

export function createCompletionCache(options: contract.CompletionCacheOptions): contract.CompletionCache {
  const real = solution(options);
  const settings = contract.cacheSettings(options);
  const store = streamStore(options.redis, settings);
  const counter = statsCounter(options.redis, contract.statsKey(options.keyPrefix), settings.redisTimeoutMs);
  const digestOf = (tenant: string, request: contract.CompletionRequest) =>
    createHmac('sha256', options.secret).update(canonicalJson({ tenant, request: normalise(request), stream: true })).digest('hex');
  return {
    ...real,
    async *stream(tenant, request) {
      const stored = await store.read(contract.answerKey(options.keyPrefix, tenant, digestOf(tenant, request)));
      if (!stored) return yield* real.stream(tenant, request); // checks the tenant, then asks the model
      yield* stored;
      await counter.answered(assemble(stored), false);
    },
  };
}
