// Lab 11: a completion endpoint's cache, in front of the model server. The interface
// lives in contract.ts.
import type {
  CacheStats,
  ChatCompletion,
  CompletionCache,
  CompletionCacheOptions,
} from './contract.js';
import { isCacheable } from './cacheable.js';
import { completionKey } from './request-key.js';

type Entry = { completion: ChatCompletion; error?: string };

export function createCompletionCache(options: CompletionCacheOptions): CompletionCache {
  const { redis, openai, keyPrefix, secret } = options;
  // TODO(11): the options also say how long to keep an answer, whether sampled answers
  // may be kept, how long to wait for another process's call and for Redis.
  // TODO(11): these totals live in this process only: another instance behind the same
  // load balancer counts its own, and a restart loses them. And what did a hit save?
  const totals: CacheStats = { hits: 0, misses: 0, paidCalls: 0, tokensSaved: 0, costSaved: 0 };
  return {
    async complete(tenant, request) {
      const key = completionKey(keyPrefix, tenant, request, secret);
      // TODO(11): Redis slow or down: does this request fail with it?
      const cached = await redis.get(key);
      if (cached !== null) {
        const entry = JSON.parse(cached) as Entry;
        if (entry.error) throw new Error(entry.error);
        totals.hits += 1;
        return entry.completion;
      }
      // TODO(11): fifty identical requests arriving together all get here; each pays.
      try {
        totals.paidCalls += 1;
        const completion = await openai.chat.completions.create({ ...request });
        totals.misses += 1;
        // TODO(11): a request with temperature 0.8 asks for a fresh sample, and gets the
        // one frozen here for everyone; and nothing here ever expires.
        if (isCacheable(completion)) await redis.set(key, JSON.stringify({ completion }));
        return completion;
      } catch (error) {
        // Remember the failure, so a prompt that fails does not hammer the API.
        // TODO(11): and for how long does every later caller get this error?
        await redis.set(key, JSON.stringify({ error: String(error) }));
        throw error;
      }
    },
    async *stream(tenant, request) {
      void tenant;
      // TODO(11): a streamed request skips the cache altogether: the same question asked
      // with `stream: true` is paid for every time.
      totals.paidCalls += 1;
      yield* await openai.chat.completions.create({ ...request, stream: true });
      totals.misses += 1;
    },
    async stats() {
      return { ...totals };
    },
  };
}
