// A streamed request: on a miss the caller reads the model's chunks as they arrive, and
// the whole stream is kept once it has ended well; on a hit the kept chunks are replayed.
import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { StatsCounter } from './cache-stats.js';
import { assemble } from './chunks.js';
import type { StreamStore } from './stream-store.js';

export interface StreamDeps {
  openai: OpenAI;
  store: StreamStore;
  stats: StatsCounter;
}

// #region stream
/** `key` null: a request that must not be cached (sampled), streamed straight through. */
export async function* streamAnswer(
  deps: StreamDeps,
  key: string | null,
  request: CompletionRequest,
): AsyncGenerator<ChatCompletionChunk> {
  const stored = key === null ? null : await deps.store.read(key);
  if (stored) {
    yield* stored;
    await deps.stats.answered(assemble(stored), false);
    return;
  }
  await deps.stats.paid();
  // The usage chunk (no choices, after the last piece) is what a replayed stream saves.
  const body = { ...request, stream: true, stream_options: { include_usage: true } } as const;
  const upstream = await deps.openai.chat.completions.create(body);
  const received: ChatCompletionChunk[] = [];
  for await (const chunk of upstream) {
    received.push(chunk);
    yield chunk;
  }
  // Only a stream that ended, read to its end by the caller, gets here: a failure throws
  // out of the loop above, and a caller who stops reading ends this generator at its yield.
  if (key !== null) await deps.store.write(key, received);
  await deps.stats.answered(assemble(received), true);
}
// #endregion stream
