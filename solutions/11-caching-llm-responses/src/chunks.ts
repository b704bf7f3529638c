// A streamed answer, judged like a whole one: its chunks add up to the completion the
// same call would have returned without `stream`, which isCacheable and the stats read.
import type {
  ChatCompletion,
  ChatCompletionChunk,
} from '../../../labs/11-caching-llm-responses/src/contract.js';

type FinishReason = ChatCompletion['choices'][number]['finish_reason'];

/** One choice as its deltas arrive. */
interface Draft {
  text: string;
  refusal: string;
  finish: FinishReason | null;
}

/** The completion that `chunks` spell out: text and refusal joined per choice, the last finish reason, the usage. */
export function assemble(chunks: readonly ChatCompletionChunk[]): ChatCompletion {
  const drafts: Draft[] = [];
  for (const { choices } of chunks) {
    for (const { index, delta, finish_reason } of choices) {
      const draft = (drafts[index] ??= { text: '', refusal: '', finish: null });
      draft.text += delta.content ?? '';
      draft.refusal += delta.refusal ?? '';
      draft.finish = finish_reason ?? draft.finish;
    }
  }
  const [first] = chunks;
  return {
    id: first?.id ?? '',
    object: 'chat.completion',
    created: first?.created ?? 0,
    model: first?.model ?? '',
    choices: drafts.map(({ text, refusal, finish }, index) => ({
      index,
      message: { role: 'assistant', content: text, refusal: refusal || null },
      // No finish reason: the stream never said how it ended, so it is not "stop".
      finish_reason: finish as FinishReason,
      logprobs: null,
    })),
    usage: chunks.find((chunk) => chunk.usage)?.usage ?? undefined,
  };
}
