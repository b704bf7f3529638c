/**
 * Mistake: the stream is read to its end before the caller gets its first chunk
 * Replaces: stream-cache.ts
 * Caught by: 11.21
 *
 * Collecting the chunks first makes the code simple: one list to store, one list to
 * yield, and the caller still receives a stream with the right pieces. But the reason a
 * client asks for a stream is to show the first words after a few hundred milliseconds
 * instead of the whole answer after ten seconds; buffered, a miss is as slow as a whole
 * answer and looks broken besides. Pass each chunk on as it arrives and keep a copy.
 */
import type {
  ChatCompletionChunk,
  CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { streamAnswer as asItComes, type StreamDeps } from '../src/stream-cache.js';

export type { StreamDeps };

export async function* streamAnswer(deps: StreamDeps, key: string | null, request: CompletionRequest): AsyncGenerator<ChatCompletionChunk> {
  const all: ChatCompletionChunk[] = [];
  for await (const chunk of asItComes(deps, key, request)) all.push(chunk);
  yield* all;
}
