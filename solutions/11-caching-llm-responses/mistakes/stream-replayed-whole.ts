/**
 * Mistake: a streamed answer is kept as one completion and replayed as one chunk
 * Replaces: stream-store.ts
 * Caught by: 11.21, 11.22
 *
 * Storing the assembled answer looks tidy (one format, the text the user read) and the
 * replay is still a stream that ends with "stop". But its reader gets everything in a
 * single chunk: a client that animates tokens, counts chunks or parses a pattern piece by
 * piece sees a different stream on a hit than on a miss. Keep the chunks as they came.
 */
import type { Redis } from 'ioredis';
import type {
  ChatCompletion,
  ChatCompletionChunk,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { StoreSettings } from '../src/answer-store.js';
import { answerStore } from '../src/answer-store.js';
import { assemble } from '../src/chunks.js';
import type { StreamStore } from '../src/stream-store.js';

/** The whole answer as a single chunk: its text at once, then how it ended. */
const asOneChunk = (completion: ChatCompletion): ChatCompletionChunk[] => [
  {
    id: completion.id,
    object: 'chat.completion.chunk',
    created: completion.created,
    model: completion.model,
    choices: completion.choices.map(({ index, message, finish_reason }) => ({
      index,
      delta: { role: 'assistant', content: message.content },
      finish_reason,
      logprobs: null,
    })),
    usage: completion.usage ?? null,
  },
];

export function streamStore(redis: Redis, settings: StoreSettings): StreamStore {
  const whole = answerStore(redis, settings);
  return {
    async read(key) {
      const completion = await whole.read(key);
      return completion ? asOneChunk(completion) : null;
    },
    write: (key, chunks) => whole.write(key, assemble(chunks)),
  };
}
