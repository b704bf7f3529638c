/**
 * Mistake: the chunks are added up by their text only, and a streamed refusal is kept
 * Replaces: chunks.ts
 * Caught by: 11.23
 *
 * The text is what the reader sees, so joining `delta.content` looks like all there is
 * to a stream. But a refusal arrives in `delta.refusal`, with finish_reason "stop" and
 * sometimes an apology in the text as well; added up without it, the refusal passes
 * isCacheable and is replayed to everyone who asks. Every field the check reads must be
 * rebuilt from the chunks.
 */
import type {
  ChatCompletion,
  ChatCompletionChunk,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { assemble as exact } from '../src/chunks.js';

export function assemble(chunks: readonly ChatCompletionChunk[]): ChatCompletion {
  const withoutRefusals = chunks.map((chunk) => ({
    ...chunk,
    choices: chunk.choices.map((choice) => ({ ...choice, delta: { ...choice.delta, refusal: null } })),
  }));
  return exact(withoutRefusals);
}
