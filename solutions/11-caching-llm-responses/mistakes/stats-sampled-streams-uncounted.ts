/**
 * Mistake: a sampled stream passes straight through, uncounted
 * Replaces: stream-cache.ts
 * Caught by: 11.25
 *
 * A sampled stream is never cached, so the cache "has nothing to do with it" and hands
 * the model's stream over untouched. But it was a paid call and a miss like any other:
 * a chat screen that streams at temperature 0.7 is most of the bill, and leaving it out
 * makes the hit rate look far better than the money says.
 */
import type {
  ChatCompletionChunk,
  CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { streamAnswer as counted, type StreamDeps } from '../src/stream-cache.js';

export type { StreamDeps };

export function streamAnswer(deps: StreamDeps, key: string | null, request: CompletionRequest): AsyncGenerator<ChatCompletionChunk> {
  if (key !== null) return counted(deps, key, request);
  const silent = { ...deps.stats, paid: async () => {}, answered: async () => {} };
  return counted({ ...deps, stats: silent }, null, request);
}
