/**
 * Mistake: a streamed call is counted once it has ended, or failed, but not when its caller stops reading
 * Replaces: stream-cache.ts
 * Caught by: 11.25
 *
 * Counting a paid call "once we know how it went" covers a stream read to its end and
 * one that broke off (the catch counts it before rethrowing), so both checks on them
 * pass. But a caller who stops reading ends the generator at its yield: neither the code
 * after the loop nor the catch runs, and a call that was sent, and billed, is never
 * counted. Count the call when it is sent, before the stream is read.
 */
import type { ChatCompletionChunk, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { assemble } from '../src/chunks.js';
import type { StreamDeps } from '../src/stream-cache.js';

export type { StreamDeps };

export async function* streamAnswer(deps: StreamDeps, key: string | null, request: CompletionRequest): AsyncGenerator<ChatCompletionChunk> {
  const stored = key === null ? null : await deps.store.read(key);
  if (stored) {
    yield* stored;
    await deps.stats.answered(assemble(stored), false);
    return;
  }
  const received: ChatCompletionChunk[] = [];
  try {
    const body = { ...request, stream: true, stream_options: { include_usage: true } } as const;
    for await (const chunk of await deps.openai.chat.completions.create(body)) {
      received.push(chunk);
      yield chunk;
    }
  } catch (error) {
    await deps.stats.paid(); // a failed call is paid too
    throw error;
  }
  await deps.stats.paid();
  if (key !== null) await deps.store.write(key, received);
  await deps.stats.answered(assemble(received), true);
}
