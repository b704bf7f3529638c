/**
 * Mistake: a streamed miss is counted before the stream has been read
 * Replaces: stream-cache.ts
 * Caught by: 11.25
 *
 * The request missed and is about to call the model: a miss, so it is counted next to the
 * paid call. But a miss is a request answered by its own call, and a stream that breaks
 * off halfway answered nothing: the caller got an error. The totals then show a miss for
 * every dropped connection, and a failing provider looks like a cold cache. Count the
 * miss once the stream has ended and the caller has read it.
 */
import * as contract from '../../../labs/11-caching-llm-responses/src/contract.js';
import { assemble } from '../src/chunks.js';
import * as solution from '../src/stream-cache.js';

export type StreamDeps = solution.StreamDeps;
type Counter = StreamDeps['stats'];

/** Counts nothing when the stream ends well: the miss was counted as it started. */
const uncountedMiss = (stats: Counter): Counter => ({
  ...stats,
  answered: async (completion, paid) => (paid ? undefined : stats.answered(completion, paid)),
});

export async function* streamAnswer(
  deps: StreamDeps,
  key: string | null,
  request: contract.CompletionRequest,
): AsyncGenerator<contract.ChatCompletionChunk> {
  const found = key !== null && (await deps.store.read(key)) !== null;
  if (found) return yield* solution.streamAnswer(deps, key, request); // a hit, counted as in the solution
  await deps.stats.answered(assemble([]), true); // a miss, counted before a chunk is read
  yield* solution.streamAnswer({ ...deps, stats: uncountedMiss(deps.stats) }, key, request);
}
