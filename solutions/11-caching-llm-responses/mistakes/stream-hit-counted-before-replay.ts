/**
 * Mistake: a replayed stream is counted as a hit before its caller reads it
 * Replaces: stream-cache.ts
 * Caught by: 11.25
 *
 * The entry was found, so the call is saved: counting at the lookup is the obvious spot,
 * and it is where complete() counts. But a stream is read over time, and its caller may
 * stop after the first words (a closed tab, a "stop generating" button). Then the hit and
 * its tokens are in the totals for an answer nobody read. Count a replay once it has
 * been read to its end, as the README says.
 */
import type {
  ChatCompletionChunk,
  CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { assemble } from '../src/chunks.js';
import { streamAnswer as countedAtTheEnd, type StreamDeps } from '../src/stream-cache.js';

export type { StreamDeps };

export async function* streamAnswer(deps: StreamDeps, key: string | null, request: CompletionRequest): AsyncGenerator<ChatCompletionChunk> {
  const stored = key === null ? null : await deps.store.read(key);
  if (!stored) return yield* countedAtTheEnd(deps, key, request); // a miss, counted as in the solution
  await deps.stats.answered(assemble(stored), false);
  yield* stored;
}
