/**
 * Mistake: when a shared call fails, every request that joined it calls the model itself
 * Replaces: completion-cache.ts
 * Caught by: 11.14
 *
 * The holder's caller gets the error; the requests that only joined its call did nothing
 * wrong, so each "falls back" to asking the model on its own. Under a burst that is the
 * stampede the single flight was built to stop, aimed at a provider that has just failed:
 * twenty joined requests after a 429 send twenty more calls. Share the error, or let one
 * of them call again for all.
 */
import * as contract from '../../../labs/11-caching-llm-responses/src/contract.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';
import { completionKey } from '../src/request-key.js';

export function createCompletionCache(options: contract.CompletionCacheOptions): contract.CompletionCache {
  const real = solution(options);
  const asking = new Map<string, number>(); // requests in flight per key, in this process
  const count = (key: string, by: number) => asking.set(key, (asking.get(key) ?? 0) + by);
  return {
    ...real,
    async complete(tenant, request) {
      const key = completionKey(options.keyPrefix, tenant, request, options.secret);
      const joined = (asking.get(key) ?? 0) > 0;
      count(key, 1);
      try {
        return await real.complete(tenant, request);
      } catch (error) {
        if (!joined) throw error;
        return await options.openai.chat.completions.create({ ...request, stream: false }); // a fallback of its own
      } finally {
        count(key, -1);
      }
    },
  };
}
