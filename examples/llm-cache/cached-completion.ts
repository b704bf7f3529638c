// Cache-aside for completions: keyed-hash keys per tenant, a TTL on every entry, nothing
// cached unless the answer finished normally, and one in-flight call per key.
import type { Redis } from 'ioredis';
import type { Completion, FakeLlm } from './fake-llm.js';
import { completionKey, type CompletionRequest } from './request-key.js';

// #region cacheable
/** Only complete, normal answers are worth replaying to the next caller. */
export function isCacheable(completion: Completion): boolean {
  return completion.finishReason === 'stop' && completion.text.trim().length > 0;
}
// #endregion cacheable

export interface CompletionCacheOptions {
  redis: Redis;
  llm: Pick<FakeLlm, 'complete'>;
  prefix: string;
  ttlSeconds: number;
  /** Keys the hash (loadKeySecret): the same on every instance. */
  secret: Buffer;
}

export interface CachedResult {
  completion: Completion;
  cached: boolean;
}

// #region cached-completion
export function createCompletionCache({
  redis,
  llm,
  prefix,
  ttlSeconds,
  secret,
}: CompletionCacheOptions) {
  const inFlight = new Map<string, Promise<CachedResult>>();

  async function readCache(key: string): Promise<Completion | null> {
    try {
      const raw = await redis.get(key);
      if (raw === null) return null;
      return (JSON.parse(raw) as { completion: Completion }).completion;
    } catch {
      return null; // Redis down or an unreadable entry: behave like a miss
    }
  }

  async function callAndStore(
    key: string,
    request: CompletionRequest,
  ): Promise<CachedResult> {
    // An API error propagates to the caller and nothing is written: errors are never
    // cached.
    const completion = await llm.complete(request);
    if (isCacheable(completion)) {
      const entry = JSON.stringify({ completion, storedAt: new Date().toISOString() });
      // Caching is best effort: a failed write leaves a miss, not an error.
      await redis.set(key, entry, 'EX', ttlSeconds).catch(() => {});
    }
    return { completion, cached: false };
  }

  return {
    async complete(tenantId: string, request: CompletionRequest): Promise<CachedResult> {
      const key = completionKey(prefix, tenantId, request, secret);
      const hit = await readCache(key);
      if (hit) return { completion: hit, cached: true };

      // Identical requests arriving together share one paid call (single flight).
      let pending = inFlight.get(key);
      if (!pending) {
        pending = callAndStore(key, request).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}
// #endregion cached-completion
